package ai.lenetlab.messaging;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.api.RunProgress;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One report of a worker about one run attempt, keyed by run id. Fields that do not belong to the
 * event's type are null and left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEvent(
        int schemaVersion,
        RunEventType type,
        UUID runId,
        int attempt,
        String workerId,
        Instant at,
        String device,
        Long parameters,
        List<LayerInfo> layers,
        RunProgress progress,
        EpochMetrics epoch,
        RunResult result,
        String error) {

    public static RunEvent started(
            UUID runId, int attempt, String workerId, String device, long parameters, List<LayerInfo> layers) {
        Draft event = new Draft(RunEventType.STARTED, runId, attempt, workerId);
        event.device = device;
        event.parameters = parameters;
        event.layers = layers;
        return event.build();
    }

    public static RunEvent progress(UUID runId, int attempt, String workerId, RunProgress progress) {
        Draft event = new Draft(RunEventType.PROGRESS, runId, attempt, workerId);
        event.progress = progress;
        return event.build();
    }

    public static RunEvent epochCompleted(UUID runId, int attempt, String workerId, EpochMetrics epoch) {
        Draft event = new Draft(RunEventType.EPOCH_COMPLETED, runId, attempt, workerId);
        event.epoch = epoch;
        return event.build();
    }

    public static RunEvent completed(UUID runId, int attempt, String workerId, RunResult result) {
        Draft event = new Draft(RunEventType.COMPLETED, runId, attempt, workerId);
        event.result = result;
        return event.build();
    }

    /** FAILED, CANCELLED or RELEASED, with the reason. */
    public static RunEvent ended(RunEventType type, UUID runId, int attempt, String workerId, String reason) {
        Draft event = new Draft(type, runId, attempt, workerId);
        event.error = reason;
        return event.build();
    }

    public static RunEvent heartbeat(UUID runId, int attempt, String workerId) {
        return new Draft(RunEventType.HEARTBEAT, runId, attempt, workerId).build();
    }

    /** An event being made: what every event has, plus the fields its type sets; the rest stay null. */
    private static final class Draft {
        private final RunEventType type;
        private final UUID runId;
        private final int attempt;
        private final String workerId;
        private String device;
        private Long parameters;
        private List<LayerInfo> layers;
        private RunProgress progress;
        private EpochMetrics epoch;
        private RunResult result;
        private String error;

        private Draft(RunEventType type, UUID runId, int attempt, String workerId) {
            this.type = type;
            this.runId = runId;
            this.attempt = attempt;
            this.workerId = workerId;
        }

        private RunEvent build() {
            return new RunEvent(
                    MessageCodec.SCHEMA_VERSION,
                    type,
                    runId,
                    attempt,
                    workerId,
                    Instant.now(),
                    device,
                    parameters,
                    layers,
                    progress,
                    epoch,
                    result,
                    error);
        }
    }
}
