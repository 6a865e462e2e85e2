package ai.lenetlab.experiments.events;

import ai.lenetlab.experiments.service.DatabaseFailures;
import ai.lenetlab.experiments.service.WorkerRegistry;
import ai.lenetlab.messaging.EventMessage;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.PoisonMessageException;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.WorkerEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the workers' events. Unreadable ones are nacked, which sends them to the dead-letter
 * topic; everything else is applied in order: run events by {@link RunEventHandler}, workers'
 * announcements by {@link WorkerRegistry}.
 */
@ApplicationScoped
class RunEventConsumer {

    private static final Logger LOG = Logger.getLogger(RunEventConsumer.class);
    /** An event that arrives before its run's transaction commits waits up to 5 s for it. */
    private static final int EARLY_RETRIES = 50;

    private static final long EARLY_RETRY_DELAY_MS = 100;
    /**
     * PostgreSQL away (restart, failover): the event is kept and stored when it is back, for this long;
     * events behind it wait (Kafka keeps them), so nothing is lost and the order holds.
     */
    private static final Duration DATABASE_PATIENCE = Duration.ofMinutes(10);

    @Inject
    RunEventHandler handler;

    @Inject
    HeartbeatWatchdog watchdog;

    @Inject
    WorkerRegistry workers;

    /** Events that arrived before their run or attempt was committed (and were applied once it was). */
    private final Counter tooEarly;

    RunEventConsumer(MeterRegistry metrics) {
        this.tooEarly = metrics.counter("lenetlab.run.events.early");
    }

    @Incoming("run-events")
    @Blocking
    void consume(String payload) {
        EventMessage message;
        try {
            message = MessageCodec.decodeEventMessage(payload);
        } catch (PoisonMessageException e) {
            LOG.warnf("run event sent to the dead-letter topic: %s", e.getMessage());
            throw e;
        }
        switch (message) {
            case RunEvent event ->
                storePatiently(() -> applyOnceItsRunExists(event), event.type() + " of run " + event.runId());
            case WorkerEvent announcement ->
                storePatiently(
                        () -> workers.record(announcement), "the announcement of worker " + announcement.workerId());
        }
    }

    private void storePatiently(Runnable store, String what) {
        long giveUp = System.nanoTime() + DATABASE_PATIENCE.toNanos();
        boolean waited = false;
        for (long backoff = 200; ; backoff = Math.min(2 * backoff, 5_000)) {
            try {
                store.run();
                if (waited) {
                    LOG.infof("PostgreSQL is back; stored %s", what);
                    watchdog.eventsResumed();
                }
                return;
            } catch (RuntimeException e) {
                if (!DatabaseFailures.isTransient(e) || System.nanoTime() > giveUp) {
                    throw e; // to the dead-letter topic, with a log line
                }
                LOG.warnf(
                        "storing %s waits for PostgreSQL (%s); again in %d ms",
                        what, DatabaseFailures.describe(e), backoff);
                waited = true;
                sleep(backoff);
            }
        }
    }

    private void applyOnceItsRunExists(RunEvent event) {
        for (int tries = 1; handler.apply(event) == RunEventHandler.Outcome.TOO_EARLY; tries++) {
            if (tries == 1) {
                tooEarly.increment();
            }
            if (tries == EARLY_RETRIES) {
                LOG.warnf(
                        "%s of attempt %d of run %s ignored: no such run or attempt",
                        event.type(), event.attempt(), event.runId());
                return;
            }
            sleep(EARLY_RETRY_DELAY_MS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to store a run event", e);
        }
    }
}
