package ai.lenetlab.contracts.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the lab knows a worker does: what it last said, or {@code lost} if it went silent. */
public enum WorkerState {
    /** Ready for the next run. */
    @JsonProperty("idle")
    IDLE,
    /** Training a run. */
    @JsonProperty("training")
    TRAINING,
    /** Shutting down: takes no new run. */
    @JsonProperty("draining")
    DRAINING,
    /** Not heard from within the heartbeat timeout (killed, frozen, cut off). */
    @JsonProperty("lost")
    LOST;

    /** As it is written in JSON and metric labels. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
