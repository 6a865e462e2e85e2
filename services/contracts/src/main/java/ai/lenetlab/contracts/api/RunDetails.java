package ai.lenetlab.contracts.api;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.RunConfig;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything about one run: {@code GET /api/runs/{id}}. {@code epochs} uses the field names of the
 * CLI's metrics.json; {@code finalMetrics} is the last epoch, {@code bestMetrics} the epoch with
 * the highest test accuracy.
 */
public record RunDetails(
        UUID id,
        UUID experimentId,
        String experimentName,
        String preset,
        long seed,
        RunStatus status,
        int attempt,
        int maxAttempts,
        RunConfig config,
        String workerId,
        String device,
        Long parameters,
        List<LayerInfo> layers,
        RunProgress progress,
        double progressFraction,
        List<EpochMetrics> epochs,
        EpochMetrics finalMetrics,
        EpochMetrics bestMetrics,
        int[][] confusionMatrix,
        List<Double> perClassAccuracy,
        Double totalSeconds,
        boolean modelAvailable,
        boolean cancelRequested,
        String error,
        Instant createdAt,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant lastHeartbeatAt) {

    public static EpochMetrics best(List<EpochMetrics> epochs) {
        EpochMetrics best = null;
        for (EpochMetrics e : epochs) {
            if (best == null || e.testAccuracy() > best.testAccuracy()) {
                best = e;
            }
        }
        return best;
    }
}
