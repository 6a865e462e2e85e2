package ai.lenetlab.frontend.components;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.CompareView.Contrast;
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
                        + "-1.0–1.8), p = 0.410, 3 vs 3 seeds; about 33 seeds each would tell.");
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
