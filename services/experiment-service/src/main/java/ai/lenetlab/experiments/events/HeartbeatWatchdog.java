package ai.lenetlab.experiments.events;

import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.service.RunLifecycle;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds running runs whose worker went silent (killed, frozen, cut off) and re-queues them. This,
 * not Kafka redelivery, is what recovers a run: workers acknowledge a request when they start it,
 * since training outlasts any sensible Kafka processing timeout.
 */
@ApplicationScoped
class HeartbeatWatchdog {

    @Inject
    RunLifecycle lifecycle;

    @ConfigProperty(name = "lenetlab.runs.heartbeat-timeout")
    Duration timeout;

    /**
     * After a restart of the service, or of PostgreSQL, the service first reads the events it could
     * not store (heartbeats among them); only a timeout after that is silence news.
     */
    private volatile Instant catchingUpSince = Instant.now();

    /** The events were held up (the database was away): give the workers' heartbeats time to be read. */
    void eventsResumed() {
        catchingUpSince = Instant.now();
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkHeartbeats() {
        if (Instant.now().isBefore(catchingUpSince.plus(timeout))) {
            return;
        }
        for (UUID id : Run.runningWithHeartbeatBefore(Instant.now().minus(timeout))) {
            recover(id);
        }
    }

    @Transactional
    void recover(UUID id) {
        Run run = Run.lockById(id);
        if (run == null
                || run.status != RunStatus.RUNNING
                || run.lastHeartbeatAt.isAfter(Instant.now().minus(timeout))) {
            return; // it spoke up meanwhile
        }
        lifecycle.lost(run, "worker " + run.workerId + " sent no heartbeat for " + timeout.toSeconds() + " s");
    }
}
