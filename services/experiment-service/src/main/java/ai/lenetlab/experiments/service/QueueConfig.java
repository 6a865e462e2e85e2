package ai.lenetlab.experiments.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the lab hands queued runs to the workers ({@code lenetlab.queue.*}). */
@ConfigMapping(prefix = "lenetlab.queue")
public interface QueueConfig {

    /**
     * Runs handed to Kafka that no worker has started yet, at most. Enough to keep every worker busy
     * (and KEDA's lag-based scaling seeing the demand) — 12 is run-requests' partitions, the most
     * workers that take runs at once — yet few enough that a newcomer's run waits for a slot, not
     * behind a sweep's hundreds.
     */
    @WithDefault("12")
    int maxInFlight();

    /** Runs of one user handed out or training at once, at most; 0 for no limit (the order is fair anyway). */
    @WithDefault("0")
    int maxActivePerUser();
}
