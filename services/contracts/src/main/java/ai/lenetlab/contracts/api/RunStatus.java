package ai.lenetlab.contracts.api;

/** Where a run stands. COMPLETED, FAILED and CANCELLED are final until a retry. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
