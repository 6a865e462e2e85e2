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
}
