package ai.lenetlab.contracts.api;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.RunEnvironment;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;

/**
 * Everything about one run: {@code GET /api/runs/{id}}. Its JSON is the {@link RunSummary}'s fields
 * (unwrapped) and the details below. {@code epochs} uses the field names of the CLI's metrics.json;
 * {@code finalMetrics} is the last epoch, {@code bestMetrics} the epoch with the highest test
 * accuracy.
 *
 * @param summary what lists and the event stream show; its {@code epochs} (the configured count) is
 *     left out of this JSON, where {@code epochs} is the list of epochs: read {@code config.epochs}
 * @param maxAttempts how many of its attempts may fail before the run is FAILED
 * @param environment what the run trained on (null before it completes, and for runs completed by
 *     workers that predate it)
 * @param failures its attempts that failed ({@code summary.attempt} counts hand-backs and lost workers
 *     too, which use up none)
 * @param attempts each attempt a worker took, oldest first: who, the epochs it reported, how it ended
 */
public record RunDetails(
        @JsonUnwrapped @JsonIgnoreProperties("epochs") RunSummary summary,
        int maxAttempts,
        RunConfig config,
        Long parameters,
        List<LayerInfo> layers,
        List<EpochMetrics> epochs,
        EpochMetrics finalMetrics,
        EpochMetrics bestMetrics,
        int[][] confusionMatrix,
        List<Double> perClassAccuracy,
        Double totalSeconds,
        boolean modelAvailable,
        boolean cancelRequested,
        Instant queuedAt,
        Instant lastHeartbeatAt,
        RunEnvironment environment,
        int failures,
        List<RunAttempt> attempts) {

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
