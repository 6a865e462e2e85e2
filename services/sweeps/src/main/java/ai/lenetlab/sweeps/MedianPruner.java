package ai.lenetlab.sweeps;

import java.util.List;
import java.util.Optional;

/**
 * Median stopping as Google Vizier (Golovin et al., KDD 2017) and Optuna's MedianPruner define it: a
 * trial whose best score so far is below the median of the <em>completed</em> trials' scores at the
 * same epoch stops. Nobody is judged before {@code startupTrials} trials have completed, nor in a
 * trial's first epochs (from epoch max(minEpochs, warmupEpochs + 1) on). Running and stopped trials
 * never set the bar: stopped ones are the losers, and running ones are as noisy as the trial judged —
 * with them the rule stopped the true best config in half of simulated sweeps ({@code
 * MedianStoppingSimulationTest}).
 */
public final class MedianPruner implements Pruner {

    private final int firstEpoch;
    private final int startupTrials;
    private final SweepSpec.Goal goal;

    public MedianPruner(int minEpochs, int startupTrials, int warmupEpochs, SweepSpec.Goal goal) {
        this.firstEpoch = Math.max(minEpochs, warmupEpochs + 1);
        this.startupTrials = startupTrials;
        this.goal = goal;
    }

    @Override
    public Optional<String> judge(String trial, int epoch, TrialScores scores) {
        List<Double> own = scores.curves().get(trial);
        if (epoch < firstEpoch || own == null || own.size() < epoch) {
            return Optional.empty();
        }
        List<String> completed =
                scores.completed().stream().filter(t -> !t.equals(trial)).toList();
        if (completed.isEmpty() || completed.size() < startupTrials) {
            return Optional.empty();
        }
        double[] atEpoch = completed.stream()
                .map(t -> scores.at(t, epoch))
                .filter(v -> v != null)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        if (atEpoch.length == 0) {
            return Optional.empty();
        }
        double best = own.subList(0, epoch).stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElseThrow();
        double median = median(atEpoch);
        if (!(best < median)) {
            return Optional.empty();
        }
        return Optional.of("its best " + Pruner.objective(best, goal) + " " + Pruner.worseThan(goal) + " median "
                + Pruner.objective(median, goal) + " of " + atEpoch.length + " completed trials at epoch " + epoch);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @Override
    public String toString() {
        return "median from epoch " + firstEpoch + " after " + startupTrials + " completed trials";
    }
}
