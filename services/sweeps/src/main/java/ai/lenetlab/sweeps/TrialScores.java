package ai.lenetlab.sweeps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the pruners judge: each trial's score per epoch (index epoch − 1, higher better, a non-finite
 * value held as −∞ so it ranks worst) and which trials completed — trained every epoch, not stopped.
 *
 * @param curves trial (its index as text) → score per epoch
 * @param completed the trials that trained to their last epoch
 */
public record TrialScores(Map<String, List<Double>> curves, Set<String> completed) {

    public TrialScores {
        Map<String, List<Double>> ranked = new LinkedHashMap<>();
        curves.forEach((trial, curve) ->
                ranked.put(trial, curve.stream().map(SweepPlan::ranked).toList()));
        curves = java.util.Collections.unmodifiableMap(ranked);
        completed = Set.copyOf(completed);
    }

    /** Scores of trials none of which has completed yet. */
    public static TrialScores running(Map<String, List<Double>> curves) {
        return new TrialScores(curves, Set.of());
    }

    /** The trial's score at {@code epoch}, or null when it has not finished that epoch. */
    Double at(String trial, int epoch) {
        List<Double> curve = curves.get(trial);
        return curve == null || curve.size() < epoch ? null : curve.get(epoch - 1);
    }
}
