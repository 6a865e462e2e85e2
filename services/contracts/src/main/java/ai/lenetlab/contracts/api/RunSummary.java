package ai.lenetlab.contracts.api;

import ai.lenetlab.contracts.EpochMetrics;
import java.time.Instant;
import java.util.UUID;

/**
 * A run in lists and in the live event stream: status, progress (epoch x of y), latest metrics.
 *
 * @param progressFraction 0–1 over the whole run; 1 when completed
 * @param lastEpoch the newest epoch's metrics, where known
 */
public record RunSummary(
        UUID id,
        UUID experimentId,
        String experimentName,
        int ordinal,
        String preset,
        long seed,
        RunStatus status,
        int attempt,
        int epochs,
        String workerId,
        String device,
        RunProgress progress,
        double progressFraction,
        EpochMetrics lastEpoch,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Double durationSeconds,
        String error) {}
