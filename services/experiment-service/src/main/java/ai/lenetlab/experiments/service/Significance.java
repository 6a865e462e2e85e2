package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.api.CompareView.Contrast;
import ai.lenetlab.contracts.api.CompareView.Stat;
import ai.lenetlab.sweeps.Holm;
import ai.lenetlab.sweeps.WelchTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Telling an effect from seed noise: the mean's 95 % interval, and two groups of seeds compared with
 * Welch's t-test (no equal-variance assumption), its interval for the difference, Cohen's d, Hedges'
 * g and the seeds per group that would resolve the difference at 80 % power, and Holm's adjustment
 * over a page's tests. Commons Math computes the distributions ({@link NoncentralT} what it lacks);
 * one seed is never called significant (no p-value, no interval).
 */
public final class Significance {

    private static final double ALPHA = 0.05;
    private static final double POWER = 0.80;
    /** The page warns below three seeds: it never advises fewer. */
    private static final int MIN_SEEDS = 3;

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

    /**
     * Group {@code a} against group {@code b} on {@code metric}: difference a − b. A non-finite value
     * (a diverged run) or no variation in either group leaves it without p-value, interval or effect
     * size: there is nothing to test.
     */
    public static Contrast contrast(String a, String b, String metric, double[] valuesA, double[] valuesB) {
        SummaryStatistics sa = summary(valuesA);
        SummaryStatistics sb = summary(valuesB);
        double difference = sa.getMean() - sb.getMean();
        int na = valuesA.length;
        int nb = valuesB.length;
        if (na < 2 || nb < 2 || !Double.isFinite(difference)) {
            return new Contrast(a, b, metric, na, nb, difference, null, null, null, null, null);
        }
        WelchTest welch = WelchTest.of(valuesA, valuesB);
        if (!(welch.standardError() > 0)) {
            return new Contrast(a, b, metric, na, nb, difference, null, null, null, null, null);
        }
        double half = welch.halfWidth(ALPHA);
        double p = welch.pTwoSided();
        double pooled = Math.sqrt(((na - 1) * sa.getVariance() + (nb - 1) * sb.getVariance()) / (na + nb - 2));
        double d = difference / pooled;
        double g = d * hedgesCorrection(na + nb - 2);
        return new Contrast(
                a,
                b,
                metric,
                na,
                nb,
                difference,
                difference - half,
                difference + half,
                p,
                d,
                seedsNeeded(g),
                g,
                null,
                null);
    }

    /**
     * Hedges' exact small-sample correction J(ν) = Γ(ν/2) / (√(ν/2) Γ((ν − 1)/2)) (Hedges 1981): d
     * overstates the effect by 1/J, 25 % for 3 vs 3 seeds (J(4) = 0.798).
     */
    static double hedgesCorrection(int df) {
        return Math.exp(Gamma.logGamma(df / 2.0) - Gamma.logGamma((df - 1) / 2.0)) / Math.sqrt(df / 2.0);
    }

    /**
     * {@link Holm}'s step-down adjustment over every contrast that has a p-value. It holds the chance of any false "beats" on the page at α, where
     * unadjusted p-values over 66 pairs × 4 metrics made one likely. Order is kept.
     */
    public static List<Contrast> holm(List<Contrast> contrasts) {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < contrasts.size(); i++) {
            if (contrasts.get(i).pValue() != null) {
                tested.add(i);
            }
        }
        int m = tested.size();
        double[] holm = Holm.adjust(
                tested.stream().mapToDouble(i -> contrasts.get(i).pValue()).toArray());
        Double[] adjusted = new Double[contrasts.size()];
        for (int k = 0; k < m; k++) {
            adjusted[tested.get(k)] = holm[k];
        }
        List<Contrast> result = new ArrayList<>();
        for (int i = 0; i < contrasts.size(); i++) {
            result.add(contrasts.get(i).adjusted(adjusted[i], m));
        }
        return result;
    }

    /**
     * Seeds per group for Welch's test (two-sided, α 0.05) to detect effect size {@code effect} with
     * 80 % power, if the true effect is that large: the least n ≥ 3 whose exact power — the noncentral
     * t with ν = 2(n − 1) and δ = effect·√(n/2), equal groups of equal variance — reaches 0.8 (d = 1 →
     * 17, d = 2 → 6, d = 3 → 4; scipy.stats.nct agrees). Null without an effect, or beyond a million.
     */
    static Integer seedsNeeded(Double effect) {
        if (effect == null || effect == 0 || !Double.isFinite(effect)) {
            return null;
        }
        double d = Math.abs(effect);
        double z = NORMAL.inverseCumulativeProbability(1 - ALPHA / 2) + NORMAL.inverseCumulativeProbability(POWER);
        double approximate = 2 * Math.pow(z / d, 2); // the normal approximation: t's tails only add seeds
        if (approximate > 1_000_000) {
            return null;
        }
        for (int n = Math.max(MIN_SEEDS, (int) Math.floor(approximate)); ; n++) {
            if (power(n, d) >= POWER) {
                return n;
            }
        }
    }

    /** The power of Welch's two-sided test at α with n seeds per group and effect size d. */
    static double power(int n, double d) {
        double df = 2.0 * (n - 1);
        double delta = d * Math.sqrt(n / 2.0);
        double critical = new TDistribution(df).inverseCumulativeProbability(1 - ALPHA / 2);
        return 1 - NoncentralT.cdf(critical, df, delta) + NoncentralT.cdf(-critical, df, delta);
    }

    private static SummaryStatistics summary(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        Arrays.stream(values).forEach(s::addValue);
        return s;
    }
}
