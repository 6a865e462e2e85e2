package ai.lenetlab.messaging;

/** What a worker reports about a run attempt. */
public enum RunEventType {
    /** A worker took the attempt: worker, device, layer table. */
    STARTED,
    /** Within an epoch, about every two seconds. */
    PROGRESS,
    /** An epoch's metrics. */
    EPOCH_COMPLETED,
    /** Final results and the trained model. */
    COMPLETED,
    /** Training failed; the reason is in {@code error}. */
    FAILED,
    /** Stopped on request. */
    CANCELLED,
    /** The worker gave the attempt back unfinished (it is shutting down); it should be re-queued. */
    RELEASED,
    /** The worker is alive and still training the run. */
    HEARTBEAT;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == RELEASED;
    }
}
