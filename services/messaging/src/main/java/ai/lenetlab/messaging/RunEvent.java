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
 *
 * @param attemptSecret the secret of the attempt's {@link RunRequest}, echoed: the service applies an
 *     event only if it carries the secret of the run's current attempt, so that a process that can
 *     write to the events topic but never read the attempt's request (the API shows run ids, attempts
 *     and worker ids, never the secret) cannot forge results. Echoed rather than used as an HMAC key
 *     over the event: whoever could read an echoed secret off the events topic (the service, the broker's
 *     admins and files) can read it off the requests topic as well, so an HMAC would protect nothing more
 *     and cost canonical bytes on both sides.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunEvent(
        int schemaVersion,
        RunEventType type,
        UUID runId,
        int attempt,
        String attemptSecret,
        String workerId,
        Instant at,
        String device,
        Long parameters,
        List<LayerInfo> layers,
        RunProgress progress,
        EpochMetrics epoch,
        RunResult result,
        String error)
        implements EventMessage {

    public static RunEvent started(
            UUID runId,
            int attempt,
            String attemptSecret,
            String workerId,
            String device,
            long parameters,
            List<LayerInfo> layers) {
        Draft event = new Draft(RunEventType.STARTED, runId, attempt, attemptSecret, workerId);
        event.device = device;
        event.parameters = parameters;
        event.layers = layers;
        return event.build();
    }

    public static RunEvent progress(
            UUID runId, int attempt, String attemptSecret, String workerId, RunProgress progress) {
        Draft event = new Draft(RunEventType.PROGRESS, runId, attempt, attemptSecret, workerId);
        event.progress = progress;
        return event.build();
    }

    public static RunEvent epochCompleted(
            UUID runId, int attempt, String attemptSecret, String workerId, EpochMetrics epoch) {
        Draft event = new Draft(RunEventType.EPOCH_COMPLETED, runId, attempt, attemptSecret, workerId);
        event.epoch = epoch;
        return event.build();
    }

    public static RunEvent completed(UUID runId, int attempt, String attemptSecret, String workerId, RunResult result) {
        Draft event = new Draft(RunEventType.COMPLETED, runId, attempt, attemptSecret, workerId);
        event.result = result;
        return event.build();
    }

    /** FAILED, CANCELLED or RELEASED, with the reason. */
    public static RunEvent ended(
            RunEventType type, UUID runId, int attempt, String attemptSecret, String workerId, String reason) {
        Draft event = new Draft(type, runId, attempt, attemptSecret, workerId);
        event.error = reason;
        return event.build();
    }

    public static RunEvent heartbeat(UUID runId, int attempt, String attemptSecret, String workerId) {
        return new Draft(RunEventType.HEARTBEAT, runId, attempt, attemptSecret, workerId).build();
    }

    /** An event being made: what every event has, plus the fields its type sets; the rest stay null. */
    private static final class Draft {
        private final RunEventType type;
        private final UUID runId;
        private final int attempt;
        private final String attemptSecret;
        private final String workerId;
        private String device;
        private Long parameters;
        private List<LayerInfo> layers;
        private RunProgress progress;
        private EpochMetrics epoch;
        private RunResult result;
        private String error;

        private Draft(RunEventType type, UUID runId, int attempt, String attemptSecret, String workerId) {
            this.type = type;
            this.runId = runId;
            this.attempt = attempt;
            this.attemptSecret = attemptSecret;
            this.workerId = workerId;
        }

        private RunEvent build() {
            return new RunEvent(
                    MessageCodec.SCHEMA_VERSION,
                    type,
                    runId,
                    attempt,
                    attemptSecret,
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

    /** Never the secret, nor a model's bytes: events may end up in log lines. */
    @Override
    public String toString() {
        return "RunEvent[" + type + ", runId=" + runId + ", attempt=" + attempt + ", workerId=" + workerId + "]";
    }
}
