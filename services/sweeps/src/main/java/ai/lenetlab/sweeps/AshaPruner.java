package ai.lenetlab.sweeps;

import java.util.Optional;

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", MLSys 2020), as Ray Tune's ASHA stops trials: rungs at minEpochs·η^k epochs; a trial that
 * reaches a rung goes on only if its score there is in the top 1/η of the scores recorded at that rung
 * so far (its own included), else it stops. The first trials at a rung always go on: there is nothing
 * to rank them against yet. A non-finite score counts at its rung as the worst.
 */
public final class AshaPruner implements Pruner {

    private final int minEpochs;
    private final int eta;
    private final SweepSpec.Goal goal;

    public AshaPruner(int minEpochs, int eta, SweepSpec.Goal goal) {
        this.minEpochs = minEpochs;
        this.eta = eta;
        this.goal = goal;
    }

    public AshaPruner(int minEpochs, int eta) {
        this(minEpochs, eta, SweepSpec.Goal.MAX);
    }

    /** Whether {@code epoch} is a rung: minEpochs·η^k. */
    public boolean isRung(int epoch) {
        for (long rung = minEpochs; rung <= epoch; rung *= eta) {
            if (rung == epoch) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<String> judge(String trial, int epoch, TrialScores scores) {
        Double own = scores.at(trial, epoch);
        if (!isRung(epoch) || own == null) {
            return Optional.empty();
        }
        double[] recorded = scores.curves().keySet().stream()
                .map(t -> scores.at(t, epoch))
                .filter(v -> v != null)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        // the score that the top 1/η reach: below it, stop
        double cutoff = quantile(recorded, 1 - 1.0 / eta);
        if (!(own < cutoff)) {
            return Optional.empty();
        }
        return Optional.of("its " + Pruner.objective(own, goal) + " " + Pruner.worseThan(goal) + " "
                + Pruner.objective(cutoff, goal) + ", the top 1/" + eta + " of " + recorded.length
                + " trials at rung " + epoch);
    }

    /**
     * Linear interpolation between the order statistics, as numpy's percentile; between −∞ (a
     * diverged score) and a finite one it is −∞ (numpy's arithmetic would give NaN there).
     */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        if (lower == upper || sorted[lower] == sorted[upper]) {
            return sorted[lower];
        }
        if (sorted[lower] == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
