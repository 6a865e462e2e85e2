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

    private static RunEvent of(RunEventType type, UUID runId, int attempt, String workerId) {
        return new RunEvent(MessageCodec.SCHEMA_VERSION, type, runId, attempt, workerId, Instant.now(),
                null, null, null, null, null, null, null);
    }

    public static RunEvent started(UUID runId, int attempt, String workerId, String device, long parameters,
                                   List<LayerInfo> layers) {
        return new RunEvent(MessageCodec.SCHEMA_VERSION, RunEventType.STARTED, runId, attempt, workerId,
                Instant.now(), device, parameters, layers, null, null, null, null);
    }

    public static RunEvent progress(UUID runId, int attempt, String workerId, RunProgress progress) {
        return of(RunEventType.PROGRESS, runId, attempt, workerId).with(progress);
    }

    public static RunEvent epochCompleted(UUID runId, int attempt, String workerId, EpochMetrics epoch) {
        RunEvent e = of(RunEventType.EPOCH_COMPLETED, runId, attempt, workerId);
        return new RunEvent(e.schemaVersion, e.type, e.runId, e.attempt, e.workerId, e.at, null, null, null, null,
                epoch, null, null);
    }

    public static RunEvent completed(UUID runId, int attempt, String workerId, RunResult result) {
        RunEvent e = of(RunEventType.COMPLETED, runId, attempt, workerId);
        return new RunEvent(e.schemaVersion, e.type, e.runId, e.attempt, e.workerId, e.at, null, null, null, null,
                null, result, null);
    }

    /** FAILED, CANCELLED or RELEASED, with the reason. */
    public static RunEvent ended(RunEventType type, UUID runId, int attempt, String workerId, String reason) {
        RunEvent e = of(type, runId, attempt, workerId);
        return new RunEvent(e.schemaVersion, e.type, e.runId, e.attempt, e.workerId, e.at, null, null, null, null,
                null, null, reason);
    }

    public static RunEvent heartbeat(UUID runId, int attempt, String workerId) {
        return of(RunEventType.HEARTBEAT, runId, attempt, workerId);
    }

    private RunEvent with(RunProgress p) {
        return new RunEvent(schemaVersion, type, runId, attempt, workerId, at, null, null, null, p, null, null, null);
    }
}
