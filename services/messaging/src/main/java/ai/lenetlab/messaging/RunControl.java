package ai.lenetlab.messaging;

import java.time.Instant;
import java.util.UUID;

/** A command for whichever worker holds a run; today only {@code CANCEL}. */
public record RunControl(int schemaVersion, Action action, UUID runId, Instant at, Integer attempt, String workerId) {

    public enum Action {
        CANCEL
    }

    /** Stop this attempt of the run wherever it trains. */
    public static RunControl cancel(UUID runId, int attempt) {
        return new RunControl(MessageCodec.SCHEMA_VERSION, Action.CANCEL, runId, Instant.now(), attempt, null);
    }

    /**
     * Stop the attempt on one worker only: it was delivered twice (a consumer-group rebalance) and
     * another worker holds it.
     */
    public static RunControl stopDuplicate(UUID runId, int attempt, String workerId) {
        return new RunControl(MessageCodec.SCHEMA_VERSION, Action.CANCEL, runId, Instant.now(), attempt, workerId);
    }
}
