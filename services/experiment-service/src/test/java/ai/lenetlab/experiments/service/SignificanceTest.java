package ai.lenetlab.experiments.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.lenetlab.contracts.api.CompareView.Contrast;
import ai.lenetlab.contracts.api.CompareView.Stat;
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
    void cohensDAndTheSeedsNeeded() {
        // means 2 and 4, both standard deviations 1: d = −2 by hand
        Contrast c = Significance.contrast("a", "b", "m", new double[] {1, 2, 3}, new double[] {3, 4, 5});
        assertThat(c.cohensD()).isCloseTo(-2.0, within(1e-12));
        // Lehr's rule: 16 per group for d = 1 (normal approximation: 15.7 → 16), 4 for d = 2
        assertThat(Significance.seedsNeeded(1.0)).isEqualTo(16);
        assertThat(Significance.seedsNeeded(-2.0)).isEqualTo(4);
        assertThat(Significance.seedsNeeded(0.0)).isNull();
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
