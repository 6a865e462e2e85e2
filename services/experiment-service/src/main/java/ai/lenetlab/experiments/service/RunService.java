package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.experiments.api.ApiException;
import ai.lenetlab.experiments.api.RunViews;
import ai.lenetlab.experiments.domain.EpochMetricRow;
import ai.lenetlab.experiments.domain.ModelArtifact;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.RunResultRow;
import ai.lenetlab.experiments.messaging.RunDispatcher;
import ai.lenetlab.experiments.messaging.RunUpdates;
import ai.lenetlab.experiments.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads runs and changes them on a user's request (cancel, retry). */
@ApplicationScoped
public class RunService {

    @Inject
    RunDispatcher dispatcher;

    @Inject
    RunUpdates updates;

    @Inject
    Quota quota;

    @ConfigProperty(name = "lenetlab.runs.max-attempts")
    int maxAttempts;

    @Transactional
    public RunDetails details(UUID id) {
        Run run = find(id);
        List<EpochMetrics> epochs = EpochMetricRow.of(run.id, run.attempt);
        RunResultRow result = run.status == RunStatus.COMPLETED ? RunResultRow.findById(run.id) : null;
        boolean model = run.status == RunStatus.COMPLETED && ModelArtifact.count("runId", run.id) > 0;
        RunSummary summary = RunViews.summary(run, epochs.isEmpty() ? null : epochs.get(epochs.size() - 1));
        return new RunDetails(run.id, run.experiment.id, run.experiment.name, run.preset, run.seed, run.status,
                run.attempt, maxAttempts, run.config, run.workerId, run.device, run.parameters, run.layers,
                run.progress, summary.progressFraction(), epochs,
                epochs.isEmpty() ? null : epochs.get(epochs.size() - 1), RunDetails.best(epochs),
                result == null ? null : result.confusionMatrix, result == null ? null : result.perClassAccuracy,
                result == null ? null : result.totalSeconds, model, run.cancelRequested, run.error, run.createdAt,
                run.queuedAt, run.startedAt, run.finishedAt, run.lastHeartbeatAt);
    }

    /** Queued runs end at once; running ones when their worker confirms (within a batch). */
    @Transactional
    public RunDetails cancel(UUID id, SecurityIdentity caller) {
        Run run = lock(id);
        requireOwnerOrAdmin(run, caller, "cancel");
        if (run.status.isFinal()) {
            throw new ApiException(Response.Status.CONFLICT, "run " + id + " is already " + run.status);
        }
        run.cancelRequested = true;
        if (run.status == RunStatus.QUEUED) {
            run.finish(RunStatus.CANCELLED, "cancelled before it started");
        }
        dispatcher.requestCancel(run);
        updates.publish(RunViews.summary(run, null));
        return details(id);
    }

    /** Trains a finished run again, as a new attempt. */
    @Transactional
    public RunDetails retry(UUID id, SecurityIdentity caller) {
        Run run = lock(id);
        requireOwnerOrAdmin(run, caller, "retry");
        if (!run.status.isFinal()) {
            throw new ApiException(Response.Status.CONFLICT, "run " + id + " is " + run.status
                    + "; only completed, failed or cancelled runs can be retried");
        }
        quota.checkRoom(caller, 1);
        run.requeue();
        dispatcher.requestTraining(run);
        updates.publish(RunViews.summary(run, null));
        return details(id);
    }

    /** The trained parameters and their SHA-256, read within the transaction. */
    public record ModelDownload(byte[] data, String sha256) {}

    @Transactional
    public ModelDownload model(UUID id) {
        find(id);
        ModelArtifact model = ModelArtifact.findById(id);
        if (model == null) {
            throw new ApiException(Response.Status.NOT_FOUND, "run " + id + " has no trained model (yet)");
        }
        return new ModelDownload(model.data, model.sha256);
    }

    /** Researchers act on their own runs only; admins on any. */
    private static void requireOwnerOrAdmin(Run run, SecurityIdentity caller, String action) {
        if (!caller.hasRole(Roles.ADMIN) && !caller.getPrincipal().getName().equals(run.experiment.owner)) {
            // who owns it is not said: the API does not show owners to other users
            throw new ApiException(Response.Status.FORBIDDEN, "only the user who submitted run " + run.id
                    + " or an admin may " + action + " it");
        }
    }

    static Run find(UUID id) {
        Run run = Run.findById(id);
        if (run == null) {
            throw ApiException.notFound("run", id);
        }
        return run;
    }

    private static Run lock(UUID id) {
        Run run = Run.lockById(id);
        if (run == null) {
            throw ApiException.notFound("run", id);
        }
        return run;
    }
}
