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
 * @param contrasts each pair of seed groups (or each against the baseline) compared on final and
 *     best-epoch test accuracy and loss
 * @param summary one row per config (seed apart), single runs included: the table the exports write
 */
public record CompareView(
        List<ComparedRun> runs,
        List<ConfigField> config,
        List<String> differingFields,
        List<Integer> epochNumbers,
        Map<String, Map<UUID, List<Double>>> series,
        List<SeedGroup> groups,
        List<Contrast> contrasts,
        List<ConfigSummary> summary) {

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

    /**
     * Mean and sample standard deviation over the runs that have a value, and the 95 % confidence
     * interval of the mean (Student's t; null for a single run).
     */
    public record Stat(double mean, double std, int n, Double ci95Low, Double ci95High) {
        /** Without an interval. */
        public Stat(double mean, double std, int n) {
            this(mean, std, n, null, null);
        }
    }

    /**
     * Group {@code a} against group {@code b} on one metric (finalTestAccuracy, bestTestAccuracy,
     * finalTestLoss, bestTestLoss): the difference of the means (a − b) with its 95 % confidence
     * interval and Welch's t-test p-value (null when a group has fewer than two seeds or neither
     * varies), Cohen's d and Hedges' g (d corrected for small samples), and how many seeds per group
     * would resolve a difference as large as g at 80 % power (Welch's test, two-sided, α 0.05).
     *
     * @param nA distinct seeds of group a that completed (repeated seeds count once, averaged)
     * @param pValueAdjusted {@code pValue} adjusted by Holm's procedure over the {@code comparisons}
     *     contrasts of the same answer that have a p-value: what a verdict is judged on
     * @param comparisons how many tests the answer ran (its contrasts with a p-value)
     */
    public record Contrast(
            String a,
            String b,
            String metric,
            int nA,
            int nB,
            double difference,
            Double ci95Low,
            Double ci95High,
            Double pValue,
            Double cohensD,
            Integer seedsNeeded,
            Double hedgesG,
            Double pValueAdjusted,
            Integer comparisons) {

        /** A contrast on its own: no Hedges' g, not adjusted for other tests. */
        public Contrast(
                String a,
                String b,
                String metric,
                int nA,
                int nB,
                double difference,
                Double ci95Low,
                Double ci95High,
                Double pValue,
                Double cohensD,
                Integer seedsNeeded) {
            this(a, b, metric, nA, nB, difference, ci95Low, ci95High, pValue, cohensD, seedsNeeded, null, null, null);
        }

        /** This contrast as one of {@code comparisons} tests, its p-value adjusted to {@code adjusted}. */
        public Contrast adjusted(Double adjusted, int comparisons) {
            return new Contrast(
                    a,
                    b,
                    metric,
                    nA,
                    nB,
                    difference,
                    ci95Low,
                    ci95High,
                    pValue,
                    cohensD,
                    seedsNeeded,
                    hedgesG,
                    adjusted,
                    comparisons);
        }
    }

    public record GroupEpoch(int epoch, Stat trainLoss, Stat testLoss, Stat trainAccuracy, Stat testAccuracy) {}

    /**
     * Runs of one config with two or more distinct seeds: per-epoch curves over all its runs; final
     * statistics over its COMPLETED runs only, one observation per distinct seed (runs repeating a seed
     * are averaged: they are not independent).
     *
     * @param repeatedSeeds seeds run more than once (averaged into one observation each)
     * @param notCounted runs listed but not in the final statistics: not COMPLETED (queued, running,
     *     failed, cancelled or pruned — at whatever epoch they reached)
     */
    public record SeedGroup(
            String label,
            List<UUID> runIds,
            List<Long> seeds,
            List<GroupEpoch> epochs,
            Stat finalTestAccuracy,
            Stat bestTestAccuracy,
            List<Long> repeatedSeeds,
            List<UUID> notCounted) {

        /** A group of distinct seeds, all completed. */
        public SeedGroup(
                String label,
                List<UUID> runIds,
                List<Long> seeds,
                List<GroupEpoch> epochs,
                Stat finalTestAccuracy,
                Stat bestTestAccuracy) {
            this(label, runIds, seeds, epochs, finalTestAccuracy, bestTestAccuracy, List.of(), List.of());
        }
    }

    /**
     * The runs of one config, seed apart, on the four outcomes (mean ± std over its runs' last and
     * best-by-test-accuracy epochs; runs without an epoch left out).
     *
     * @param config the config by its preset and what it changes there: "model-2 (epochs 2)"
     */
    public record ConfigSummary(
            String config,
            List<UUID> runIds,
            List<Long> seeds,
            Stat finalTestAccuracy,
            Stat bestTestAccuracy,
            Stat finalTestLoss,
            Stat bestTestLoss) {}
}
