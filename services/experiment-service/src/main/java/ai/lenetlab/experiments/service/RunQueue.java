package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.messaging.RunDispatcher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The lab's queue. QUEUED runs wait in PostgreSQL and are handed to the workers (a request on Kafka)
 * only while fewer handed-out runs wait for a worker than workers are idle (the {@link WorkerRegistry};
 * {@code lenetlab.queue.max-in-flight} at most, and that many while no worker announces itself), so
 * the order below holds up to the moment a worker takes the run: higher
 * priority first, then the user with the fewest active runs (so a colleague's one run goes before a
 * sweep's next hundred), then the oldest. One run per transaction, each locked and checked again, so
 * nothing is handed out twice — also with several service replicas — and nothing is lost across a
 * restart: what waits is in the database. It looks after each change that frees or fills a slot
 * (after its commit) and every 2 s.
 */
@ApplicationScoped
public class RunQueue {

    private static final Logger LOG = Logger.getLogger(RunQueue.class);
    /** Waiting runs considered per choice: enough for every user's oldest at each priority. */
    private static final int CANDIDATES = 500;

    @Inject
    QueueConfig config;

    @Inject
    RunDispatcher dispatcher;

    @Inject
    AfterCommit afterCommit;

    @Inject
    WorkerRegistry workers;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("run-queue").daemon().unstarted(r));
    private final AtomicBoolean pending = new AtomicBoolean();

    void start(@Observes StartupEvent started) {
        thread.scheduleWithFixedDelay(this::handOut, 1, 2, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        thread.shutdownNow();
    }

    /** Something changed a slot or the queue: hand out runs once the current transaction commits. */
    public void changedAfterCommit() {
        afterCommit.run(() -> {
            if (pending.compareAndSet(false, true)) {
                thread.execute(() -> {
                    pending.set(false);
                    handOut();
                });
            }
        });
    }

    private void handOut() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::handOutOne)) {
                // one run per transaction, until the slots are full or nothing waits
            }
        } catch (RuntimeException e) {
            LOG.warnf("queued runs wait (%s); tried again shortly", DatabaseFailures.describe(e));
        }
    }

    /** Hands the next run to the workers; false when no slot is free or nothing may go. */
    boolean handOutOne() {
        long inFlight = Run.count("status = ?1 and dispatchedAt is not null", RunStatus.QUEUED);
        if (inFlight >= slots()) {
            return false;
        }
        Map<String, Long> active = activeByOwner();
        List<Run> waiting = Run.<Run>find(
                        "from Run r join fetch r.experiment where r.status = ?1 and r.dispatchedAt is null"
                                + " order by r.priority desc, r.createdAt, r.ordinal",
                        RunStatus.QUEUED)
                .page(0, CANDIDATES)
                .list();
        Run next = waiting.stream()
                .filter(r ->
                        config.maxActivePerUser() <= 0 || active.getOrDefault(owner(r), 0L) < config.maxActivePerUser())
                .min(Comparator.comparingInt((Run r) -> -r.priority)
                        .thenComparingLong(r -> active.getOrDefault(owner(r), 0L))
                        .thenComparing(r -> r.createdAt)
                        .thenComparingInt(r -> r.ordinal))
                .orElse(null);
        if (next == null) {
            return false;
        }
        Run run = Run.relock(next);
        if (run.status != RunStatus.QUEUED || run.dispatchedAt != null) {
            return true; // changed meanwhile (cancelled, or another replica handed it out): choose again
        }
        run.handOut(Instant.now());
        dispatcher.requestTraining(run);
        return true;
    }

    /** How many handed-out runs may wait for a worker at once: one per idle worker. */
    private long slots() {
        long idle = workers.idleWorkers().orElse(config.maxInFlight());
        return Math.min(idle, config.maxInFlight());
    }

    /** Runs per owner that are handed out or training. */
    private static Map<String, Long> activeByOwner() {
        Map<String, Long> active = new HashMap<>();
        Run.<Run>find(
                        "from Run r join fetch r.experiment where r.status = ?1 or (r.status = ?2 and r.dispatchedAt is not null)",
                        RunStatus.RUNNING,
                        RunStatus.QUEUED)
                .stream()
                .forEach(r -> active.merge(owner(r), 1L, Long::sum));
        return active;
    }

    private static String owner(Run run) {
        return Objects.requireNonNullElse(run.experiment.owner, "");
    }
}
