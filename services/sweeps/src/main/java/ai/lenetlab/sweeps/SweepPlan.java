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
        int maxConcurrent,
        int priority,
        int maxRuns,
        int maxEpochs) {

    /** The config of one trial's values, for seed {@code seed}. */
    public RunConfig config(Map<String, Object> values, long seed) {
        Map<String, Object> overrides = new LinkedHashMap<>(values);
        overrides.put("seed", seed);
        return ConfigOverrides.apply(base, overrides);
    }

    /** Higher is better for the objective: a value as the samplers and pruners compare it. */
    public double score(double objective) {
        return goal == SweepSpec.Goal.MAX ? objective : -objective;
    }
}
