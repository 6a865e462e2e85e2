package ai.lenetlab.sweeps;

import ai.lenetlab.contracts.ConfigOverrides;
import ai.lenetlab.contracts.RunConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked sweep spec with its defaults filled in: what the samplers, the pruners and the queue
 * work from. Made by {@link SweepSpecCheck#plan}.
 *
 * @param trials how many configs to try
 * @param maxRuns trials × seeds, or less by the budget
 * @param maxEpochs the budget's epochs, or what all runs would train
 * @param startupTrials the median rule judges nobody before this many trials completed
 * @param warmupEpochs the median rule judges no trial in its first warmupEpochs epochs
 * @param adaptiveSeeds seed racing's seeds per trial, or null for seedsPerTrial seeds each
 */
public record SweepPlan(
        String name,
        String preset,
        RunConfig base,
        List<Parameter> parameters,
        SweepSpec.Method method,
        int trials,
        int seedsPerTrial,
        long seed,
        String metric,
        SweepSpec.Goal goal,
        SweepSpec.Rule rule,
        int minEpochs,
        int reductionFactor,
        int startupTrials,
        int warmupEpochs,
        int maxConcurrent,
        int priority,
        int maxRuns,
        int maxEpochs,
        AdaptiveSeeds adaptiveSeeds) {

    /** Seed racing: each trial starts with {@code min} seeds and gets more while tied, up to {@code max}. */
    public record AdaptiveSeeds(int min, int max) {}

    /** The config of one trial's values, for seed {@code seed}. */
    public RunConfig config(Map<String, Object> values, long seed) {
        Map<String, Object> overrides = new LinkedHashMap<>(values);
        overrides.put("seed", seed);
        return ConfigOverrides.apply(base, overrides);
    }

    /**
     * Higher is better for the objective: a value as the samplers and pruners compare it. A non-finite
     * objective (a diverged run's NaN loss) ranks below every finite one.
     */
    public double score(double objective) {
        return ranked(goal == SweepSpec.Goal.MAX ? objective : -objective);
    }

    /** A score as it ranks: non-finite ones (NaN, ±∞) as −∞, the worst. */
    public static double ranked(double score) {
        return Double.isFinite(score) ? score : Double.NEGATIVE_INFINITY;
    }
}
