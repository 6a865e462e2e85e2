package ai.lenetlab.frontend.backend;

import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.ExperimentView;
import ai.lenetlab.contracts.api.Predictions;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunDifference;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.contracts.api.WorkerOverview;
import ai.lenetlab.frontend.security.Credentials;
import ai.lenetlab.sweeps.SweepSpec;
import ai.lenetlab.sweeps.SweepView;
import java.util.List;
import java.util.UUID;

/**
 * What the views ask of the experiment service. Every method throws {@link BackendException} with a
 * message fit for the user when the service refuses or cannot be reached.
 */
public interface LabBackend {

    /** Checks the credentials with the service; 401 (a {@link BackendException}) when they are wrong. */
    SignedInUser signIn(Credentials credentials);

    List<Preset> presets();

    /** The newest runs first, at most {@code limit}. */
    List<RunSummary> runs(int limit);

    /** One page of runs, filtered and sorted by the service. */
    RunPage runs(RunQuery query);

    RunDetails run(UUID id);

    List<PredictionSample> predictions(UUID id);

    byte[] model(UUID id);

    /** What a run's model says of test images (by index) or images as grey values. */
    Predictions predict(UUID id, Predictions.Request request);

    RunDetails cancel(UUID id);

    RunDetails retry(UUID id);

    CompareView compare(CompareQuery query);

    /** All sweeps, newest first, without their trials. */
    List<SweepView> sweeps();

    SweepView sweep(UUID id);

    SweepView createSweep(SweepSpec spec);

    /** Pauses, resumes or cancels a sweep. */
    SweepView sweepAction(UUID id, SweepAction action);

    /** Where run B's model differs from run A's on the test set, with up to {@code limit} images each way. */
    RunDifference difference(UUID a, UUID b, int limit);

    /** The comparison as a file (CSV, Markdown, LaTeX), as the service writes it. */
    String export(CompareQuery query, CompareExport format);

    ExperimentView submit(ExperimentSubmission submission);

    /** The trainer workers the lab knows, and the runs waiting for one. */
    WorkerOverview workers();
}
