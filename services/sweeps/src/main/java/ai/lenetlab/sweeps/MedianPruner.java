package ai.lenetlab.sweeps;

import java.util.List;
import java.util.Map;

/**
 * Median stopping (Golovin et al., "Google Vizier", KDD 2017; Optuna's MedianPruner): from
 * {@code minEpochs} on, a trial whose score at an epoch is below the median of the other trials'
 * scores at that epoch stops. Nothing is judged against fewer than two other trials.
 */
public final class MedianPruner implements Pruner {

    private final int minEpochs;

    public MedianPruner(int minEpochs) {
        this.minEpochs = minEpochs;
    }

    @Override
    public boolean shouldStop(String trial, int epoch, Map<String, List<Double>> scores) {
        List<Double> own = scores.get(trial);
        if (epoch < minEpochs || own == null || own.size() < epoch) {
            return false;
        }
        double[] others = scores.entrySet().stream()
                .filter(e -> !e.getKey().equals(trial) && e.getValue().size() >= epoch)
                .mapToDouble(e -> e.getValue().get(epoch - 1))
                .sorted()
                .toArray();
        if (others.length < 2) {
            return false;
        }
        return own.get(epoch - 1) < median(others);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @Override
    public String toString() {
        return "median from epoch " + minEpochs;
    }
}
