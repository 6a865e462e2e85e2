package ai.lenetlab.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The worker's settings ({@code lenetlab.worker.*}). */
@ConfigMapping(prefix = "lenetlab.worker")
public interface WorkerConfig {

    /** Names this worker in events; unique per process. */
    String id();

    /** Folder with the Fashion-MNIST files; empty: the standard places. */
    Optional<String> dataDir();

    Duration heartbeatInterval();

    Duration progressInterval();

    /** Larger trained models are not sent with the COMPLETED event. */
    @WithDefault("12582912")
    int maxModelBytes();

    Duration releaseTimeout();

    /** Exit after this many runs (a Kubernetes Job's worker); 0: never. */
    int maxRuns();

    /** Exit after this long without a run (a Job that found nothing to do); 0: never. */
    Duration idleExit();

    /**
     * A run whose events have not reached Kafka for this long counts as lost: the service has re-queued
     * it (its heartbeat timeout, the same 30 s by default), so the worker stops it and reports nothing
     * more for it, even when the network comes back.
     */
    @WithDefault("30s")
    Duration lostAfter();

    /**
     * How many workers share this machine's cores ({@code ./lenetlab up --workers N} says N); each
     * trains with cores / N intra-op threads, so two workers do not fight over the same cores.
     */
    @WithDefault("1")
    int workersPerHost();

    /** Intra-op threads for training, overriding cores / workersPerHost. */
    Optional<Integer> threads();

    /** The intra-op threads this worker trains with: its share of the cores it may use, at least one. */
    default int trainingThreads() {
        return threads()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, workersPerHost())));
    }
}
