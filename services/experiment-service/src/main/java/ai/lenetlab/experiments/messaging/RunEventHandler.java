package ai.lenetlab.experiments.messaging;

import ai.lenetlab.contracts.Sha256;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.experiments.api.RunViews;
import ai.lenetlab.experiments.domain.EpochMetricRow;
import ai.lenetlab.experiments.domain.ModelArtifact;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.RunResultRow;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.RunEventType;
import ai.lenetlab.messaging.RunResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Applies one worker event to the run it is about. Idempotent: events of another attempt than
 * the run's current one are ignored, events of a worker that no longer holds the run likewise,
 * epochs and results are upserted, and a final status is never left for a non-final one.
 */
@ApplicationScoped
public class RunEventHandler {

    private static final Logger LOG = Logger.getLogger(RunEventHandler.class);

    @Inject
    RunDispatcher dispatcher;

    @Inject
    RunRequeuer requeuer;

    @Inject
    RunUpdates updates;

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
            LOG.debugf("%s of stale attempt %d of run %s ignored (now %d)", event.type(), event.attempt(), run.id,
                    run.attempt);
            return Outcome.IGNORED;
        }
        if (event.type() == RunEventType.STARTED) {
            started(run, event);
        } else if (run.status == RunStatus.RUNNING && !event.workerId().equals(run.workerId)) {
            LOG.infof("%s from %s ignored: run %s is held by %s", event.type(), event.workerId(), run.id, run.workerId);
            return Outcome.IGNORED;
        } else if (run.status.isFinal() && event.type() != RunEventType.EPOCH_COMPLETED) {
            return Outcome.IGNORED; // e.g. a duplicate COMPLETED, or a late heartbeat after a cancel
        } else {
            run.lastHeartbeatAt = Instant.now();
            switch (event.type()) {
                case HEARTBEAT -> { }
                case PROGRESS -> run.progress = event.progress();
                case EPOCH_COMPLETED -> EpochMetricRow.upsert(run.id, run.attempt, event.epoch());
                case COMPLETED -> completed(run, event.result());
                case FAILED -> run.finish(RunStatus.FAILED, event.error());
                case CANCELLED -> run.finish(RunStatus.CANCELLED, event.error());
                case RELEASED -> requeuer.requeueOrFail(run, "worker " + event.workerId() + " released it: "
                        + event.error());
                default -> throw new IllegalStateException("unhandled " + event.type());
            }
        }
        updates.publish(RunViews.summary(run, event.type() == RunEventType.EPOCH_COMPLETED ? event.epoch() : null));
        return Outcome.APPLIED;
    }

    private void started(Run run, RunEvent event) {
        if (run.status == RunStatus.CANCELLED) {
            dispatcher.requestCancel(run); // it was cancelled before this worker heard of it
            return;
        }
        if (run.status.isFinal()) {
            return;
        }
        if (run.status == RunStatus.RUNNING && run.workerId != null && !run.workerId.equals(event.workerId())) {
            // a rebalance delivered the request to a second worker: the first keeps it, the second stops
            LOG.infof("attempt %d of run %s was delivered to %s as well; %s keeps it", run.attempt, run.id,
                    event.workerId(), run.workerId);
            dispatcher.stopDuplicate(run, event.workerId());
            return;
        }
        run.status = RunStatus.RUNNING;
        run.workerId = event.workerId();
        run.device = event.device();
        run.parameters = event.parameters();
        run.layers = event.layers();
        run.startedAt = event.at();
        run.lastHeartbeatAt = Instant.now();
        run.progress = null;
        if (run.cancelRequested) {
            dispatcher.requestCancel(run);
        }
    }

    private void completed(Run run, RunResult result) {
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
        row.persist();
        if (result.model() != null) {
            storeModel(run, result);
        }
        run.finish(RunStatus.COMPLETED, null);
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
