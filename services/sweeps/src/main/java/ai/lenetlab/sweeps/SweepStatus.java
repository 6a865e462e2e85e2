package ai.lenetlab.sweeps;

/** Where a sweep stands: RUNNING proposes trials, PAUSED lets its runs finish but starts none. */
public enum SweepStatus {
    RUNNING,
    PAUSED,
    COMPLETED,
    CANCELLED,
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
