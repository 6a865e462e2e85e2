package ai.lenetlab.contracts.api;

/**
 * Where a run stands. COMPLETED, FAILED, CANCELLED and PRUNED (a sweep stopped it early, at the epoch
 * it reached) are final until a retry.
 */
public enum RunStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED,
    PRUNED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == PRUNED;
    }
}
