package ai.lenetlab.sweeps;

import java.util.List;
import java.util.Map;

/**
 * Proposes the values of a sweep's trials. Deterministic: the same plan, trial index and finished
 * trials give the same values, so a sweep is reproducible and a restarted service proposes what it
 * would have.
 */
public interface Sampler {

    /** A finished trial: its values and its score (higher is better: {@link SweepPlan#score}). */
    record Observation(Map<String, Object> values, double score) {}

    /** The values of trial {@code index} (0-based), knowing the trials finished so far. */
    Map<String, Object> next(int index, List<Observation> finished);

    static Sampler of(SweepPlan plan) {
        return switch (plan.method()) {
            case GRID -> new GridSampler(plan);
            case RANDOM -> new RandomSampler(plan);
            case TPE -> new TpeSampler(plan);
        };
    }
}
