package ai.lenetlab.sweeps;

import java.util.Arrays;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Welch's t-test of two groups of seeds, a − b, without assuming equal variances (Welch 1947;
 * scipy's {@code ttest_ind(equal_var=False)}): the difference of means, its standard error and the
 * Welch–Satterthwaite degrees of freedom. The one home of this test: the comparisons' statistics and
 * seed racing both use it. Each group needs at least two values and some variation in one of them.
 */
public record WelchTest(double difference, double standardError, double degreesOfFreedom) {

    public static WelchTest of(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's test needs two values in each group");
        }
        double va = variance(a) / a.length;
        double vb = variance(b) / b.length;
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return new WelchTest(mean(a) - mean(b), Math.sqrt(va + vb), df);
    }

    public double t() {
        return difference / standardError;
    }

    /** Two-sided p: a and b differ. */
    public double pTwoSided() {
        return 2 * new TDistribution(degreesOfFreedom).cumulativeProbability(-Math.abs(t()));
    }

    /** One-sided p: a is greater than b. */
    public double pGreater() {
        return new TDistribution(degreesOfFreedom).cumulativeProbability(-t());
    }

    /** The half-width of the difference's two-sided interval at level 1 − alpha. */
    public double halfWidth(double alpha) {
        return new TDistribution(degreesOfFreedom).inverseCumulativeProbability(1 - alpha / 2) * standardError;
    }

    static double mean(double[] values) {
        return summary(values).getMean();
    }

    /** The sample variance (n − 1), as Commons Math's moments give it: exactly 0 for equal values. */
    static double variance(double[] values) {
        return summary(values).getVariance();
    }

    private static SummaryStatistics summary(double[] values) {
        SummaryStatistics s = new SummaryStatistics();
        Arrays.stream(values).forEach(s::addValue);
        return s;
    }

    /** The mean's standard error. */
    static double standardError(double[] values) {
        return values.length < 2 ? Double.NaN : Math.sqrt(variance(values) / values.length);
    }
}
