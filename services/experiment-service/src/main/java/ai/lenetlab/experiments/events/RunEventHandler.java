package ai.lenetlab.experiments.events;

import ai.lenetlab.contracts.Sha256;
import ai.lenetlab.contracts.TestPredictions;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.experiments.domain.AttemptSecret;
import ai.lenetlab.experiments.domain.EpochMetricRow;
import ai.lenetlab.experiments.domain.ModelArtifact;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.RunResultRow;
import ai.lenetlab.experiments.domain.RunTransition;
import ai.lenetlab.experiments.service.RunLifecycle;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.RunEventType;
import ai.lenetlab.messaging.RunResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Applies one worker event to the run it is about. Idempotent: events of another attempt than
 * the run's current one are ignored, events without the attempt's secret ({@link AttemptSecret}:
 * forged) and events of a worker that no longer holds the run likewise,
 * epochs and results are upserted, and a final status is never left for a non-final one.
 */
@ApplicationScoped
public class RunEventHandler {

    private static final Logger LOG = Logger.getLogger(RunEventHandler.class);

    @Inject
    RunLifecycle lifecycle;

    /** Events of a current attempt without its secret: forged, or from a worker older than the service. */
    private final Counter refused;

    private final AtomicBoolean refusalLogged = new AtomicBoolean();

    RunEventHandler(MeterRegistry metrics) {
        this.refused = metrics.counter("lenetlab.run.events.refused");
    }

    /** What became of an event. */
    public enum Outcome {
        APPLIED,
        IGNORED,
        /**
         * About a run or attempt this service has not committed yet: requests are published inside
         * the transaction that creates or re-queues a run, and a quick worker can answer before
         * that transaction commits. The caller retries shortly.
         */
        TOO_EARLY
    }

    @Transactional
    public Outcome apply(RunEvent event) {
        Run run = Run.lockById(event.runId());
        if (run == null || event.attempt() > run.attempt) {
            return Outcome.TOO_EARLY;
        }
        if (event.attempt() < run.attempt) {
            LOG.debugf(
                    "%s of stale attempt %d of run %s ignored (now %d)",
                    event.type(), event.attempt(), run.id, run.attempt);
            return Outcome.IGNORED;
        }
        if (!AttemptSecret.matches(run.attemptSecret, event.attemptSecret())) {
            refused.increment();
            if (refusalLogged.compareAndSet(false, true)) { // once: a forger must not be able to flood the log
                LOG.warnf(
                        "%s of attempt %d of run %s ignored: it does not carry the attempt's secret (forged, or"
                                + " from a worker older than this service); further ones are only counted in"
                                + " lenetlab_run_events_refused_total",
                        event.type(), event.attempt(), run.id);
            }
            return Outcome.IGNORED;
        }
        if (event.type() == RunEventType.STARTED) {
            lifecycle.started(
                    run,
                    new RunLifecycle.Start(
                            event.workerId(), event.device(), event.parameters(), event.layers(), event.at()));
            return Outcome.APPLIED;
        }
        if (run.status == RunStatus.RUNNING && !event.workerId().equals(run.workerId)) {
            LOG.infof("%s from %s ignored: run %s is held by %s", event.type(), event.workerId(), run.id, run.workerId);
            return Outcome.IGNORED;
        }
        if (run.status == RunStatus.PRUNED) {
            return Outcome.IGNORED; // a pruned run never gets more epochs
        }
        if (run.status.isFinal() && event.type() != RunEventType.EPOCH_COMPLETED) {
            return Outcome.IGNORED; // e.g. a duplicate COMPLETED, or a late heartbeat after a cancel
        }
        run.lastHeartbeatAt = Instant.now();
        switch (event.type()) {
            case HEARTBEAT -> lifecycle.changed(run, null);
            case PROGRESS -> {
                run.progress = event.progress();
                lifecycle.changed(run, null);
            }
            case EPOCH_COMPLETED -> {
                EpochMetricRow.upsert(run.id, run.attempt, event.epoch());
                lifecycle.changed(run, event.epoch());
            }
            case COMPLETED -> {
                storeResults(run, event.result());
                lifecycle.ended(run, RunTransition.COMPLETE, null);
            }
            case FAILED -> lifecycle.failed(run, event.error());
            case CANCELLED -> lifecycle.ended(run, RunTransition.CANCEL, event.error());
            case RELEASED -> lifecycle.released(run, "worker " + event.workerId() + " released it: " + event.error());
            default -> throw new IllegalStateException("unhandled " + event.type());
        }
        return Outcome.APPLIED;
    }

    /** The results of a completed run; the status changes after, in RunLifecycle. */
    private static void storeResults(Run run, RunResult result) {
        RunResultRow row = RunResultRow.findById(run.id);
        if (row == null) {
            row = new RunResultRow();
            row.runId = run.id;
        }
        row.attempt = run.attempt;
        row.confusionMatrix = result.confusionMatrix();
        row.perClassAccuracy = result.perClassAccuracy();
        row.predictions = result.predictions();
        row.totalSeconds = result.totalSeconds();
        row.testPredictions = validPredictions(run, result);
        row.environment = result.environment();
        row.persist();
        if (result.model() != null) {
            storeModel(run, result);
        }
    }

    /** The per-image predictions if they fit the confusion matrix they came with; else none (logged). */
    private static byte[] validPredictions(Run run, RunResult result) {
        byte[] predictions = result.testPredictions();
        if (predictions == null) {
            return null;
        }
        int[][] expected = new int[result.confusionMatrix().length][];
        for (int t = 0; t < expected.length; t++) {
            expected[t] = new int[result.confusionMatrix()[t].length];
        }
        for (byte p : predictions) {
            int truth = TestPredictions.trueLabel(p);
            int predicted = TestPredictions.predicted(p);
            if (truth >= expected.length || predicted >= expected[truth].length) {
                LOG.warnf("per-image predictions of run %s name a class that does not exist; not stored", run.id);
                return null;
            }
            expected[truth][predicted]++;
        }
        if (!java.util.Arrays.deepEquals(expected, result.confusionMatrix())) {
            LOG.warnf("per-image predictions of run %s do not match its confusion matrix; not stored", run.id);
            return null;
        }
        return predictions;
    }

    private static void storeModel(Run run, RunResult result) {
        byte[] bytes = Base64.getDecoder().decode(result.model());
        String sha = Sha256.hex(bytes);
        if (result.modelSha256() != null && !result.modelSha256().equals(sha)) {
            LOG.warnf("model of run %s fails its checksum; not stored", run.id);
            return;
        }
        ModelArtifact model = ModelArtifact.findById(run.id);
        if (model == null) {
            model = new ModelArtifact();
            model.runId = run.id;
        }
        model.attempt = run.attempt;
        model.sha256 = sha;
        model.sizeBytes = bytes.length;
        model.data = bytes;
        model.persist();
    }
}
