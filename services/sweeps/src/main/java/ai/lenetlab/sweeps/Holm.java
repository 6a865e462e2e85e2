package ai.lenetlab.sweeps;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down adjustment of m p-values (Holm 1979; statsmodels' {@code
 * multipletests(method="holm")}): the i-th smallest becomes max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎).
 * Rejecting where the adjusted value is below α holds the chance of any false rejection at α.
 */
public final class Holm {

    private Holm() {}

    /** The adjusted p-values, in the order given. */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            running = Math.max(running, Math.min(1, (m - rank) * p[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
