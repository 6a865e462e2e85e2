package ai.lenetlab.experiments.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.lenetlab.contracts.api.CompareView.Contrast;
import ai.lenetlab.contracts.api.CompareView.Stat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The comparisons' statistics against published reference values and hand-worked cases. */
class SignificanceTest {

    /** Welch's t-test, example 1 of its Wikipedia article: t = −2.46, ν ≈ 25.0, p = 0.021. */
    private static final double[] A1 = {
        27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4
    };

    private static final double[] A2 = {
        27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4
    };

    @Test
    void welchsTestMatchesThePublishedExample() {
        Contrast c = Significance.contrast("A1", "A2", "finalTestAccuracy", A1, A2);
        assertThat(c.pValue()).isCloseTo(0.021, within(0.0015));
        assertThat(c.difference()).isCloseTo(-2.16, within(0.01)); // 20.82 − 22.99
        // the interval holds the difference and, with p < 0.05, leaves out 0
        assertThat(c.ci95Low()).isLessThan(c.difference());
        assertThat(c.ci95High()).isGreaterThan(c.difference()).isLessThan(0);
    }

    @Test
    void theIntervalOfTheDifferenceIsTheTestInverted() {
        // a 95 % interval that just touches 0 goes with p = 0.05: check with p on either side
        Contrast clear =
                Significance.contrast("a", "b", "m", new double[] {0.90, 0.91, 0.89}, new double[] {0.80, 0.81, 0.79});
        assertThat(clear.pValue()).isLessThan(0.001);
        assertThat(clear.ci95Low()).isGreaterThan(0);
        Contrast noise =
                Significance.contrast("a", "b", "m", new double[] {0.80, 0.90, 0.85}, new double[] {0.82, 0.88, 0.84});
        assertThat(noise.pValue()).isGreaterThan(0.05);
        assertThat(noise.ci95Low()).isLessThan(0);
        assertThat(noise.ci95High()).isGreaterThan(0);
    }

    @Test
    void cohensDHedgesGAndTheSeedsNeeded() {
        // means 2 and 4, both standard deviations 1: d = −2 by hand; g = d·J(4), J(4) = Γ(2)/(√2·Γ(1.5))
        // = 0.7978845608 (scipy.special.gamma)
        Contrast c = Significance.contrast("a", "b", "m", new double[] {1, 2, 3}, new double[] {3, 4, 5});
        assertThat(c.cohensD()).isCloseTo(-2.0, within(1e-12));
        assertThat(c.hedgesG()).isCloseTo(-2 * 0.7978845608028653, within(1e-12));
        // scipy.stats.ttest_ind([1,2,3], [3,4,5], equal_var=False).pvalue
        assertThat(c.pValue()).isCloseTo(0.07048399691021992, within(1e-9));
        assertThat(c.seedsNeeded()).as("for |g| = 1.60").isEqualTo(Significance.seedsNeeded(1.5957691216057308));
    }

    @Test
    void theSeedsNeededAreTheExactPowerOfWelchsTest() {
        // the least n with power ≥ 0.8, by scipy: df = 2(n − 1), δ = d·√(n/2), t = t.ppf(0.975, df),
        // power = 1 − nct.cdf(t, df, δ) + nct.cdf(−t, df, δ): d = 2 → 6 (0.876; 5: 0.791),
        // d = 3 → 4 (0.939; 3: 0.783), d = 1 → 17 (0.807; 16: 0.781), d = 0.5 → 64 (0.801; 63: 0.795)
        assertThat(Significance.seedsNeeded(2.0)).isEqualTo(6);
        assertThat(Significance.seedsNeeded(-3.0)).isEqualTo(4);
        assertThat(Significance.seedsNeeded(1.0)).isEqualTo(17);
        assertThat(Significance.seedsNeeded(0.5)).isEqualTo(64);
        assertThat(Significance.power(6, 2.0)).isCloseTo(0.8764177714119888, within(1e-9));
        assertThat(Significance.power(4, 2.0)).isCloseTo(0.6568758750949891, within(1e-9));
        // never below the page's own three-seed warning, even for a huge effect
        assertThat(Significance.seedsNeeded(10.0)).isEqualTo(3);
        assertThat(Significance.seedsNeeded(0.0)).isNull();
        assertThat(Significance.seedsNeeded(1e-5)).as("beyond a million seeds").isNull();
    }

    @Test
    void theNoncentralTMatchesScipy() {
        // scipy.stats.nct.cdf(t, df, nc)
        double[][] cases = {
            {2.306, 8, 3.1623, 0.20945173187879204},
            {-1.5, 4, 0.5, 0.04337356266476112},
            {0.7, 30, -1.2, 0.9703935723131045},
            {4.0, 2, 2.0, 0.7552910220032045},
            {1.96, 60, 2.8, 0.20186717719776248},
        };
        for (double[] c : cases) {
            assertThat(NoncentralT.cdf(c[0], c[1], c[2]))
                    .as("nct.cdf(%s, %s, %s)", c[0], c[1], c[2])
                    .isCloseTo(c[3], within(1e-12));
        }
    }

    @Test
    void holmAdjustsAcrossThePagesTests() {
        // by hand, m = 4: sorted 0.005, 0.01, 0.03, 0.04 → 4·0.005 = 0.02, 3·0.01 = 0.03,
        // 2·0.03 = 0.06, max(0.06, 1·0.04) = 0.06; a contrast without a p-value is no test
        List<Contrast> page = Stream.of(0.01, 0.04, null, 0.03, 0.005)
                .map(p -> new Contrast("a", "b", "m", 3, 3, 0.1, null, null, p, null, null))
                .toList();
        List<Contrast> adjusted = Significance.holm(page);
        assertThat(adjusted).extracting(Contrast::pValueAdjusted).containsExactly(0.03, 0.06, null, 0.06, 0.02);
        assertThat(adjusted).extracting(Contrast::comparisons).containsOnly(4);
        assertThat(adjusted).extracting(Contrast::pValue).containsExactly(0.01, 0.04, null, 0.03, 0.005);
        // statsmodels.stats.multitest.multipletests([0.2, 0.5, 0.01, 0.6, 0.03], method="holm")[1]
        List<Contrast> capped = Significance.holm(Stream.of(0.2, 0.5, 0.01, 0.6, 0.03)
                .map(p -> new Contrast("a", "b", "m", 3, 3, 0.1, null, null, p, null, null))
                .toList());
        assertThat(capped)
                .extracting(Contrast::pValueAdjusted)
                .usingElementComparator((x, y) -> Math.abs(x - y) < 1e-12 ? 0 : 1)
                .containsExactly(0.6, 1.0, 0.05, 1.0, 0.12);
    }

    @Test
    void noVariationOrANonFiniteValueIsNoTest() {
        Contrast flat =
                Significance.contrast("a", "b", "m", new double[] {0.9, 0.9, 0.9}, new double[] {0.8, 0.8, 0.8});
        assertThat(flat.pValue()).isNull();
        assertThat(flat.nA()).isEqualTo(3);
        Contrast diverged =
                Significance.contrast("a", "b", "m", new double[] {0.5, Double.NaN, 0.4}, new double[] {0.8, 0.7, 0.9});
        assertThat(diverged.pValue()).isNull();
        assertThat(diverged.cohensD()).isNull();
    }

    @Test
    void oneSeedIsNeverCalledSignificant() {
        Contrast c = Significance.contrast("a", "b", "m", new double[] {0.9}, new double[] {0.8, 0.81, 0.79});
        assertThat(c.pValue()).isNull();
        assertThat(c.ci95Low()).isNull();
        assertThat(c.difference()).isCloseTo(0.1, within(1e-12));
        assertThat(Significance.stat(new double[] {0.9}).ci95Low()).isNull();
    }

    @Test
    void theMeansIntervalUsesStudentsT() {
        // n = 3, mean 2, s = 1: t(0.975, 2) = 4.303, half-width 4.303 / √3 = 2.484
        Stat s = Significance.stat(new double[] {1, 2, 3});
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.std()).isCloseTo(1.0, within(1e-12));
        assertThat(s.ci95Low()).isCloseTo(2 - 2.484, within(0.001));
        assertThat(s.ci95High()).isCloseTo(2 + 2.484, within(0.001));
    }
}
