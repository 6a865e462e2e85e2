package ai.lenetlab.sweeps;

import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", MLSys 2020), as Ray Tune's ASHA stops trials: rungs at minEpochs·η^k epochs; a trial that
 * reaches a rung goes on only if its score there is in the top 1/η of the scores recorded at that rung
 * so far (its own included), else it stops. The first trials at a rung always go on: there is nothing
 * to rank them against yet.
 */
public final class AshaPruner implements Pruner {

    private final int minEpochs;
    private final int eta;

    public AshaPruner(int minEpochs, int eta) {
        this.minEpochs = minEpochs;
        this.eta = eta;
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
    public boolean shouldStop(String trial, int epoch, Map<String, List<Double>> scores) {
        List<Double> own = scores.get(trial);
        if (!isRung(epoch) || own == null || own.size() < epoch) {
            return false;
        }
        double[] recorded = scores.values().stream()
                .filter(s -> s.size() >= epoch)
                .mapToDouble(s -> s.get(epoch - 1))
                .sorted()
                .toArray();
        // the score that the top 1/η reach: below it, stop
        double cutoff = quantile(recorded, 1 - 1.0 / eta);
        return own.get(epoch - 1) < cutoff;
    }

    /** Linear interpolation between the order statistics, as numpy's percentile. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
