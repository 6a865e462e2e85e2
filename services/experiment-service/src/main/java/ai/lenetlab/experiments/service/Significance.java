package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.api.CompareView.Contrast;
import ai.lenetlab.contracts.api.CompareView.Stat;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Telling an effect from seed noise: the mean's 95 % interval, and two groups of seeds compared with
 * Welch's t-test (no equal-variance assumption), its interval for the difference, Cohen's d and the
 * seeds per group that would resolve the difference at 80 % power. Commons Math computes the
 * distributions; one seed is never called significant (no p-value, no interval).
 */
public final class Significance {

    private static final double ALPHA = 0.05;
    private static final double POWER = 0.80;
    private static final NormalDistribution NORMAL = new NormalDistribution();
    /** t's 97.5 % quantile by degrees of freedom: a comparison asks for the same few thousands of times. */
    private static final Map<Integer, Double> T_QUANTILES = new ConcurrentHashMap<>();

    private Significance() {}

    /** Mean, sample standard deviation and the mean's 95 % interval (t with n − 1 degrees of freedom). */
    public static Stat stat(double[] values) {
        int n = values.length;
        if (n == 0) {
            return null;
        }
        SummaryStatistics s = summary(values);
        if (n == 1) {
            return new Stat(s.getMean(), 0, 1);
        }
        double half = T_QUANTILES.computeIfAbsent(
                        n - 1, df -> new TDistribution(df).inverseCumulativeProbability(1 - ALPHA / 2))
                * s.getStandardDeviation()
                / Math.sqrt(n);
        return new Stat(s.getMean(), s.getStandardDeviation(), n, s.getMean() - half, s.getMean() + half);
    }

    /** Group {@code a} against group {@code b} on {@code metric}: difference a − b. */
    public static Contrast contrast(String a, String b, String metric, double[] valuesA, double[] valuesB) {
        SummaryStatistics sa = summary(valuesA);
        SummaryStatistics sb = summary(valuesB);
        double difference = sa.getMean() - sb.getMean();
        int na = valuesA.length;
        int nb = valuesB.length;
        if (na < 2 || nb < 2) {
            return new Contrast(a, b, metric, na, nb, difference, null, null, null, null, null);
        }
        double va = sa.getVariance() / na;
        double vb = sb.getVariance() / nb;
        double se = Math.sqrt(va + vb);
        Double low = null;
        Double high = null;
        Double p = null;
        if (se > 0) {
            double df = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1)); // Welch–Satterthwaite
            double half = new TDistribution(df).inverseCumulativeProbability(1 - ALPHA / 2) * se;
            low = difference - half;
            high = difference + half;
            p = new TTest().tTest(valuesA, valuesB);
        }
        double pooled = Math.sqrt(((na - 1) * sa.getVariance() + (nb - 1) * sb.getVariance()) / (na + nb - 2));
        Double d = pooled > 0 ? difference / pooled : null;
        return new Contrast(a, b, metric, na, nb, difference, low, high, p, d, seedsNeeded(d));
    }

    /**
     * Seeds per group for a two-sided test at α 0.05 to detect effect size {@code d} with 80 % power:
     * n = 2 ((z₀.₉₇₅ + z₀.₈₀) / d)², rounded up (16 for d = 1, Lehr's rule); null without an effect.
     */
    static Integer seedsNeeded(Double d) {
        if (d == null || d == 0 || !Double.isFinite(d)) {
            return null;
        }
        double z = NORMAL.inverseCumulativeProbability(1 - ALPHA / 2) + NORMAL.inverseCumulativeProbability(POWER);
        double n = 2 * Math.pow(z / d, 2);
        return (int) Math.max(2, Math.ceil(n));
    }

    private static SummaryStatistics summary(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        Arrays.stream(values).forEach(s::addValue);
        return s;
    }
}
