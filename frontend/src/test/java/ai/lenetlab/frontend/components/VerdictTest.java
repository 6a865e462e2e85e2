package ai.lenetlab.frontend.components;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.CompareView.Contrast;
import ai.lenetlab.contracts.api.CompareView.SeedGroup;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the Compare page says about two seed groups, word for word. */
class VerdictTest {

    @Test
    void aClearWinnerWithItsIntervalAndP() {
        Contrast c = new Contrast("model-2", "model-1", "finalTestAccuracy", 3, 3, 0.110, 0.102, 0.118, 0.0004, 9.1, 2);
        assertThat(Verdict.of(c))
                .isEqualTo("model-2 beats model-1 by 11.0 points (95 % CI 10.2–11.8), p < 0.001, 3 vs 3 seeds.");
    }

    @Test
    void theWinnerIsNamedFirstWhicheverSideItIsOn() {
        Contrast c =
                new Contrast("model-1", "model-2", "finalTestAccuracy", 3, 3, -0.110, -0.118, -0.102, 0.0004, -9.1, 2);
        assertThat(Verdict.of(c)).startsWith("model-2 beats model-1 by 11.0 points (95 % CI 10.2–11.8)");
    }

    @Test
    void noiseIsCalledNoiseWithTheSeedsItWouldTake() {
        Contrast c = new Contrast("model-3", "model-2", "finalTestAccuracy", 3, 3, 0.004, -0.010, 0.018, 0.41, 0.7, 33);
        assertThat(Verdict.of(c))
                .isEqualTo("model-3 and model-2: no clear difference (0.4 points, 95 % CI "
                        + "-1.0–1.8), p = 0.410, 3 vs 3 seeds; if the true effect is as large as observed, "
                        + "about 33 seeds each would tell.");
    }

    @Test
    void theVerdictIsJudgedOnTheHolmAdjustedPAndSaysSo() {
        // p = 0.02 alone would be a win; adjusted over 8 tests it is 0.16
        Contrast c = new Contrast("a", "b", "finalTestAccuracy", 3, 3, 0.05, 0.01, 0.09, 0.02, 3.0, 4, 2.4, 0.16, 8);
        assertThat(Verdict.of(c))
                .isEqualTo("a and b: no clear difference (5.0 points, 95 % CI 1.0–9.0), p = 0.160 (Holm, 8 tests), "
                        + "3 vs 3 seeds; if the true effect is as large as observed, about 4 seeds each would tell.");
        assertThat(Verdict.tests(List.of(c)))
                .hasValue("8 tests on this page (every pair on final and best test accuracy and loss): "
                        + "p-values are Holm-adjusted across them.");
    }

    @Test
    void noVariationBetweenSeedsIsNotCalledOneSeed() {
        Contrast flat = new Contrast("a", "b", "finalTestAccuracy", 3, 3, 0.10, null, null, null, null, null);
        assertThat(Verdict.of(flat))
                .isEqualTo(
                        "a vs b: +10.0 points, 3 vs 3 seeds — no variation between seeds — are the seeds different?");
    }

    @Test
    void aDivergedRunNeverPrintsNaNPoints() {
        Contrast nan = new Contrast("a", "b", "finalTestLoss", 3, 3, Double.NaN, null, null, null, null, null);
        assertThat(Verdict.of(nan))
                .doesNotContain("NaN")
                .isEqualTo("a vs b: no comparison, 3 vs 3 seeds — a run's value is not a number (it diverged).");
    }

    @Test
    void repeatedSeedsAndUnfinishedRunsAreFlagged() {
        SeedGroup group = new SeedGroup(
                "model-2 × 3 seeds",
                List.of(UUID.randomUUID()),
                List.of(1L, 1L, 2L, 3L),
                List.of(),
                null,
                null,
                List.of(1L),
                List.of(UUID.randomUUID()));
        assertThat(Verdict.caveats(group))
                .hasValue("model-2 × 3 seeds: seed 1 ran more than once (averaged: one observation each); "
                        + "1 run has not completed (listed, not counted).");
    }

    @Test
    void fewSeedsAreFlaggedAndOneSeedIsNeverSignificant() {
        Contrast two = new Contrast("a", "b", "finalTestAccuracy", 2, 2, 0.05, 0.01, 0.09, 0.03, 3.0, 3);
        assertThat(Verdict.of(two)).contains("a beats b").endsWith("Fewer than 3 seeds: take it with care.");
        Contrast one = new Contrast("a", "b", "finalTestAccuracy", 1, 3, 0.05, null, null, null, null, null);
        assertThat(Verdict.of(one))
                .contains("+5.0 points")
                .contains("no difference can be told from seed noise")
                .doesNotContain("beats");
    }
}
