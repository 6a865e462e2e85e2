package ai.lenetlab.contracts.api;

import ai.lenetlab.contracts.EpochMetrics;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/compare?runs=a,b,…}: runs side by side.
 *
 * @param config every config field with each run's value, {@code differs} where they are not all equal
 * @param differingFields the names of the fields that differ (seed aside, it is shown per run)
 * @param epochNumbers 1 … the longest run's epochs: the x axis of {@code series}
 * @param series metric name → run id → values aligned to {@code epochNumbers} (null where a run has none)
 * @param groups runs with the same config apart from the seed, with mean ± std per epoch
 */
public record CompareView(
        List<ComparedRun> runs,
        List<ConfigField> config,
        List<String> differingFields,
        List<Integer> epochNumbers,
        Map<String, Map<UUID, List<Double>>> series,
        List<SeedGroup> groups) {

    public record ComparedRun(
            UUID id,
            String label,
            String experimentName,
            String preset,
            long seed,
            RunStatus status,
            EpochMetrics finalMetrics,
            EpochMetrics bestMetrics) {}

    public record ConfigField(String name, List<Object> values, boolean differs) {}

    /** Mean and sample standard deviation over the runs that have a value. */
    public record Stat(double mean, double std, int n) {}

    public record GroupEpoch(int epoch, Stat trainLoss, Stat testLoss, Stat trainAccuracy, Stat testAccuracy) {}

    public record SeedGroup(
            String label,
            List<UUID> runIds,
            List<Long> seeds,
            List<GroupEpoch> epochs,
            Stat finalTestAccuracy,
            Stat bestTestAccuracy) {}
}
