package ai.lenetlab.sweeps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Tree-structured Parzen Estimator (Bergstra et al., "Algorithms for Hyper-Parameter Optimization",
 * NeurIPS 2011), univariate as Optuna's default: after {@value #STARTUP_TRIALS} random trials the
 * finished ones are split into the best quarter ("good", at most 25) and the rest; each parameter gets
 * a Parzen density for each part — truncated Gaussians on the unit interval, one per observation with
 * Bergstra's neighbour-distance bandwidths plus a flat prior, or smoothed counts for a choice — and the
 * value proposed is, of {@value #CANDIDATES} drawn from the good density, the one with the largest
 * good/bad ratio (what maximises expected improvement).
 */
public final class TpeSampler implements Sampler {

    static final int STARTUP_TRIALS = 10;
    static final int CANDIDATES = 24;
    private static final double PRIOR_WEIGHT = 1.0;

    private final SweepPlan plan;

    public TpeSampler(SweepPlan plan) {
        this.plan = plan;
    }

    @Override
    public Map<String, Object> next(int index, List<Observation> finished) {
        if (finished.size() < STARTUP_TRIALS) {
            return RandomSampler.draw(plan, index);
        }
        List<Observation> sorted = new ArrayList<>(finished);
        // a diverged trial's NaN ranks worst, never "best" (Double.compare puts NaN above everything)
        sorted.sort(Comparator.comparingDouble((Observation o) -> SweepPlan.ranked(o.score()))
                .reversed());
        int good = Math.max(1, Math.min(25, (int) Math.ceil(0.25 * sorted.size())));
        List<Observation> best = sorted.subList(0, good);
        List<Observation> rest = sorted.subList(good, sorted.size());
        RandomGenerator random = RandomSampler.generator(plan.seed(), index);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : plan.parameters()) {
            values.put(p.field(), propose(p, best, rest, random));
        }
        return values;
    }

    private static Object propose(Parameter p, List<Observation> best, List<Observation> rest, RandomGenerator random) {
        if (p instanceof Parameter.Choice choice) {
            double[] good = counts(choice, best);
            double[] bad = counts(choice, rest);
            int chosen = -1;
            double bestRatio = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CANDIDATES; c++) {
                int k = drawIndex(good, random);
                double ratio = Math.log(good[k]) - Math.log(bad[k]);
                if (ratio > bestRatio) {
                    bestRatio = ratio;
                    chosen = k;
                }
            }
            return choice.values().get(chosen);
        }
        Parzen good = Parzen.of(units(p, best));
        Parzen bad = Parzen.of(units(p, rest));
        double chosen = 0.5;
        double bestRatio = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            double x = good.sample(random);
            double ratio = Math.log(good.density(x)) - Math.log(bad.density(x));
            if (ratio > bestRatio) {
                bestRatio = ratio;
                chosen = x;
            }
        }
        return p.fromUnit(chosen);
    }

    private static double[] units(Parameter p, List<Observation> observations) {
        return observations.stream()
                .mapToDouble(o -> p.toUnit(o.values().get(p.field())))
                .toArray();
    }

    /** Each choice's share: counts plus the prior spread evenly, so none is ever impossible. */
    private static double[] counts(Parameter.Choice choice, List<Observation> observations) {
        int k = choice.values().size();
        double[] weights = new double[k];
        java.util.Arrays.fill(weights, PRIOR_WEIGHT / k);
        for (Observation o : observations) {
            int i = choice.values().indexOf(o.values().get(choice.field()));
            if (i >= 0) {
                weights[i] += 1;
            }
        }
        double total = java.util.Arrays.stream(weights).sum();
        for (int i = 0; i < k; i++) {
            weights[i] /= total;
        }
        return weights;
    }

    private static int drawIndex(double[] weights, RandomGenerator random) {
        double u = random.nextDouble();
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            if (u < sum) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A mixture of Gaussians truncated to [0, 1]: one per observation and a flat-ish prior at 0.5. */
    record Parzen(double[] means, double[] sigmas, double[] weights) {

        static Parzen of(double[] points) {
            int n = points.length;
            double[] sorted = points.clone();
            java.util.Arrays.sort(sorted);
            double[] means = new double[n + 1];
            double[] sigmas = new double[n + 1];
            double[] weights = new double[n + 1];
            // Bergstra's bandwidth: the larger distance to a neighbour (the interval's ends count)
            double floor = 1.0 / Math.min(100, n + 1);
            for (int i = 0; i < n; i++) {
                double left = sorted[i] - (i == 0 ? 0 : sorted[i - 1]);
                double right = (i == n - 1 ? 1 : sorted[i + 1]) - sorted[i];
                means[i] = sorted[i];
                sigmas[i] = Math.max(floor, Math.min(1, Math.max(left, right)));
                weights[i] = 1.0 / (n + PRIOR_WEIGHT);
            }
            means[n] = 0.5;
            sigmas[n] = 1;
            weights[n] = PRIOR_WEIGHT / (n + PRIOR_WEIGHT);
            return new Parzen(means, sigmas, weights);
        }

        double density(double x) {
            double d = 0;
            for (int i = 0; i < means.length; i++) {
                double mass = Normal.cdf((1 - means[i]) / sigmas[i]) - Normal.cdf((0 - means[i]) / sigmas[i]);
                d += weights[i] * Normal.pdf((x - means[i]) / sigmas[i]) / (sigmas[i] * mass);
            }
            return Math.max(d, Double.MIN_NORMAL);
        }

        double sample(RandomGenerator random) {
            int component = drawIndex(weights, random);
            for (int attempt = 0; attempt < 100; attempt++) {
                double x = means[component] + sigmas[component] * random.nextGaussian();
                if (x >= 0 && x <= 1) {
                    return x;
                }
            }
            return Math.max(0, Math.min(1, means[component]));
        }
    }

    /** The standard normal's density and distribution function (erf by Abramowitz–Stegun 7.1.26, ±1.5e-7). */
    static final class Normal {
        private Normal() {}

        static double pdf(double z) {
            return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        }

        static double cdf(double z) {
            return 0.5 * (1 + erf(z / Math.sqrt(2)));
        }

        static double erf(double x) {
            double t = 1 / (1 + 0.3275911 * Math.abs(x));
            double y = 1
                    - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                            * t
                            * Math.exp(-x * x);
            return x >= 0 ? y : -y;
        }
    }
}
