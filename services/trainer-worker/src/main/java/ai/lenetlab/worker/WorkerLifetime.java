package ai.lenetlab.worker;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Ends a worker that runs as a Kubernetes Job: after {@code max-runs} runs, or after
 * {@code idle-exit} without one. A Job's pod is never scaled in mid-run, so KEDA can add workers for
 * a queue without ever killing one that is training. Both limits off (0) for long-lived workers.
 */
@ApplicationScoped
class WorkerLifetime {

    private static final Logger LOG = Logger.getLogger(WorkerLifetime.class);

    private final int maxRuns;
    private final long idleExitNanos;
    private final Runnable exit;
    private final LongSupplier clock;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile long lastActivity;
    private volatile boolean exiting;
    private ScheduledExecutorService idleCheck;

    @Inject
    WorkerLifetime(WorkerConfig config) {
        this(config.maxRuns(), config.idleExit(), () -> Quarkus.asyncExit(0), System::nanoTime);
    }

    WorkerLifetime(int maxRuns, Duration idleExit, Runnable exit, LongSupplier clock) {
        this.maxRuns = maxRuns;
        this.idleExitNanos = idleExit.toNanos();
        this.exit = exit;
        this.clock = clock;
        this.lastActivity = clock.getAsLong();
    }

    void start(@Observes StartupEvent event) {
        lastActivity = clock.getAsLong();
        if (idleExitNanos > 0) {
            idleCheck = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "idle-exit"));
            idleCheck.scheduleWithFixedDelay(this::exitIfIdle, 1, 1, TimeUnit.SECONDS);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (idleCheck != null) {
            idleCheck.shutdownNow();
        }
    }

    void runStarted() {
        active.incrementAndGet();
        lastActivity = clock.getAsLong();
    }

    /** A run ended here (completed, failed, cancelled or skipped). */
    void runFinished() {
        active.decrementAndGet();
        lastActivity = clock.getAsLong();
        int done = finished.incrementAndGet();
        if (maxRuns > 0 && done >= maxRuns) {
            exitOnce("trained " + done + " run(s), the most this worker takes (lenetlab.worker.max-runs)");
        }
    }

    void exitIfIdle() {
        if (idleExitNanos > 0 && active.get() == 0 && clock.getAsLong() - lastActivity >= idleExitNanos) {
            exitOnce("no run for " + Duration.ofNanos(idleExitNanos) + " (lenetlab.worker.idle-exit)");
        }
    }

    private void exitOnce(String why) {
        if (!exiting) {
            exiting = true;
            LOG.infof("worker exits: %s", why);
            exit.run();
        }
    }
}
