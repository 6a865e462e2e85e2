package ai.lenetlab.worker;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.RunReport;
import ai.lenetlab.contracts.Sha256;
import ai.lenetlab.contracts.api.RunProgress;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.RunEventType;
import ai.lenetlab.messaging.RunRequest;
import ai.lenetlab.messaging.RunResult;
import ai.lenetlab.training.train.BatchProgress;
import ai.lenetlab.training.train.TrainingCancelledException;
import ai.lenetlab.training.train.TrainingListener;
import ai.lenetlab.training.train.TrainingRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Trains one requested run attempt and reports it: STARTED (then the request is acknowledged),
 * PROGRESS every couple of seconds, heartbeats, EPOCH_COMPLETED, and one final event: COMPLETED
 * with results and model, FAILED with the reason, CANCELLED, or RELEASED when the worker shuts
 * down mid-run. A run cut off from Kafka for longer than {@link WorkerConfig#lostAfter()} has been
 * re-queued by the service: it is stopped and reports nothing more (see {@link Contact}). Nothing
 * thrown here escapes: a bad run never takes the worker down.
 */
@ApplicationScoped
class RunTrainer {

    private static final Logger LOG = Logger.getLogger(RunTrainer.class);

    @Inject
    WorkerConfig config;

    @Inject
    EventPublisher events;

    @Inject
    ActiveRuns runs;

    @Inject
    DatasetProvider dataset;

    @Inject
    WorkerAnnouncements announcements;

    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heartbeats");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param onStarted acknowledges the request: called when the STARTED event is on the broker, and again
     *     when training ends (the caller acts on the first call only)
     */
    void train(RunRequest request, Runnable onStarted) {
        UUID runId = request.runId();
        int attempt = request.attempt();
        String secret = request.attemptSecret();
        String worker = config.id();
        ScheduledFuture<?> heartbeat = null;
        Path modelFile = null;
        Contact contact = new Contact(config.lostAfter());
        try {
            modelFile = Files.createTempFile("lenet-" + runId, ".params");
            Reporter reporter = new Reporter(runId, attempt, secret, onStarted, contact);
            TrainingRun run = new TrainingRun(request.config(), dataset.get())
                    .listener(reporter)
                    .cancelWhen(() -> runs.stopReason(runId) != null || contact.lost())
                    .saveModelTo(modelFile);
            heartbeat = heartbeats.scheduleAtFixedRate(
                    () -> {
                        contact.check();
                        contact.track(events.publish(RunEvent.heartbeat(runId, attempt, secret, worker)));
                    },
                    config.heartbeatInterval().toMillis(),
                    config.heartbeatInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
            RunReport report = run.run();
            if (givenUp(contact, runId, attempt)) {
                return; // trained to the end while cut off: the result is someone else's to report
            }
            events.publishAndWait(RunEvent.completed(runId, attempt, secret, worker, result(report, modelFile)));
            LOG.infof(
                    "run %s attempt %d completed: test accuracy %.4f",
                    runId, attempt, report.lastEpoch().testAccuracy());
        } catch (TrainingCancelledException e) {
            if (givenUp(contact, runId, attempt)) {
                return;
            }
            ActiveRuns.StopReason reason = runs.stopReason(runId);
            LOG.infof("run %s attempt %d stopped (%s)", runId, attempt, reason);
            RunEventType type =
                    reason == ActiveRuns.StopReason.CANCELLED ? RunEventType.CANCELLED : RunEventType.RELEASED;
            publishFinal(RunEvent.ended(type, runId, attempt, secret, worker, e.getMessage() + " (" + reason + ")"));
        } catch (Exception | Error e) { // OutOfMemoryError of a huge config included: report, carry on
            if (givenUp(contact, runId, attempt)) {
                return;
            }
            LOG.errorf(e, "run %s attempt %d failed", runId, attempt);
            publishFinal(RunEvent.ended(RunEventType.FAILED, runId, attempt, secret, worker, describe(e)));
        } finally {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            onStarted.run(); // a run that ended before STARTED is done with too
            deleteQuietly(modelFile);
        }
    }

    private boolean givenUp(Contact contact, UUID runId, int attempt) {
        if (contact.lost()) {
            LOG.warnf(
                    "run %s attempt %d given up: no event reached Kafka for over %s, so the service has re-queued "
                            + "it; nothing more is reported for it",
                    runId, attempt, config.lostAfter());
        }
        return contact.lost();
    }

    /**
     * Whether a run's events still reach Kafka. The heartbeat thread checks the time since the last
     * acknowledged event even while training waits for a blocked send; once over the limit, the run
     * stays lost, whatever the broker acknowledges later.
     */
    static final class Contact {
        private final long lostAfterNanos;
        private volatile long lastAckNanos = System.nanoTime();
        private volatile boolean lost;

        Contact(Duration lostAfter) {
            this.lostAfterNanos = lostAfter.toNanos();
        }

        void track(CompletableFuture<Void> sent) {
            sent.thenRun(() -> {
                if (!lost) {
                    lastAckNanos = System.nanoTime();
                }
            });
        }

        void check() {
            if (System.nanoTime() - lastAckNanos > lostAfterNanos) {
                lost = true;
            }
        }

        boolean lost() {
            check();
            return lost;
        }
    }

    private void publishFinal(RunEvent event) {
        try {
            events.publishAndWait(event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not report %s of run %s; the service will re-queue it", event.type(), event.runId());
        }
    }

    private RunResult result(RunReport report, Path modelFile) throws IOException {
        byte[] model = Files.readAllBytes(modelFile);
        boolean fits = model.length <= config.maxModelBytes();
        if (!fits) {
            LOG.warnf(
                    "model of %d bytes exceeds lenetlab.worker.max-model-bytes; results sent without it", model.length);
        }
        return new RunResult(
                report.confusionMatrix(),
                report.perClassAccuracy(),
                report.predictions(),
                report.totalSeconds(),
                fits ? Base64.getEncoder().encodeToString(model) : null,
                fits ? Sha256.hex(model) : null,
                report.testPredictions(),
                report.environment());
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.debugf("could not delete %s", file);
        }
    }

    /** Turns the training callbacks into events. */
    private final class Reporter implements TrainingListener {
        private final UUID runId;
        private final int attempt;
        private final String secret;
        private final Runnable onStarted;
        private final Contact contact;
        private long lastProgress;

        Reporter(UUID runId, int attempt, String secret, Runnable onStarted, Contact contact) {
            this.runId = runId;
            this.attempt = attempt;
            this.secret = secret;
            this.onStarted = onStarted;
            this.contact = contact;
        }

        @Override
        public void onStart(String device, long parameters, List<LayerInfo> layers) {
            events.publishAndWait(RunEvent.started(runId, attempt, secret, config.id(), device, parameters, layers));
            contact.track(CompletableFuture.completedFuture(null));
            onStarted.run();
            lastProgress = System.nanoTime();
        }

        @Override
        public void onBatch(BatchProgress p) {
            announcements.epoch(runId, p.epoch(), p.epochs());
            long now = System.nanoTime();
            if (now - lastProgress >= config.progressInterval().toNanos()) {
                lastProgress = now;
                contact.track(events.publish(RunEvent.progress(
                        runId,
                        attempt,
                        secret,
                        config.id(),
                        new RunProgress(
                                p.epoch(), p.epochs(), p.batch(), p.batches(), p.runningLoss(), p.runningAccuracy()))));
            }
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            if (contact.lost()) {
                return; // the run is stopped at the next batch; its epochs are someone else's now
            }
            events.publishAndWait(RunEvent.epochCompleted(runId, attempt, secret, config.id(), metrics));
            contact.track(CompletableFuture.completedFuture(null));
        }
    }
}
