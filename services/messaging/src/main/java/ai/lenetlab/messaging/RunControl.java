package ai.lenetlab.messaging;

import java.time.Instant;
import java.util.UUID;

/** A command for whichever worker holds a run; today only {@code CANCEL}. */
public record RunControl(int schemaVersion, Action action, UUID runId, Instant at) {

    public enum Action { CANCEL }

    public static RunControl cancel(UUID runId) {
        return new RunControl(MessageCodec.SCHEMA_VERSION, Action.CANCEL, runId, Instant.now());
    }
}
