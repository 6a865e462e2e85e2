package ai.lenetlab.experiments.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the lab hands queued runs to the workers ({@code lenetlab.queue.*}). */
@ConfigMapping(prefix = "lenetlab.queue")
public interface QueueConfig {

    /**
     * Runs handed to Kafka that no worker has started yet, at most. While workers announce themselves
     * the lab hands out one per idle worker (fewer than this); while none does (none started yet,
     * KEDA's jobs that start on the lag, workers of earlier versions) it hands out this many: enough
     * for the workers that come, yet few enough that a newcomer's run waits in the lab's own queue,
     * not behind a sweep's hundreds.
     */
    @WithDefault("12")
    int maxInFlight();

    /** Runs of one user handed out or training at once, at most; 0 for no limit (the order is fair anyway). */
    @WithDefault("0")
    int maxActivePerUser();
}
