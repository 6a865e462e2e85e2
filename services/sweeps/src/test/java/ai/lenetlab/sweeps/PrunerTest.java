package ai.lenetlab.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Median stopping and ASHA on epoch tables made up for the purpose (scores: higher is better). */
class PrunerTest {

    @Test
    void medianStopsATrialBelowTheOthersMedianFromMinEpochsOn() {
        Map<String, List<Double>> scores = Map.of(
                "a", List.of(0.70, 0.80),
                "b", List.of(0.72, 0.82),
                "c", List.of(0.60, 0.78),
                "d", List.of(0.50));
        MedianPruner pruner = new MedianPruner(2);

        assertThat(pruner.shouldStop("d", 1, scores)).as("before minEpochs").isFalse();
        assertThat(pruner.shouldStop("c", 2, scores))
                .as("0.78 < median(0.80, 0.82)")
                .isTrue();
        assertThat(pruner.shouldStop("b", 2, scores))
                .as("0.82 > median(0.80, 0.78)")
                .isFalse();
        assertThat(new MedianPruner(1).shouldStop("d", 1, scores))
                .as("0.50 < median(0.70, 0.72, 0.60)")
                .isTrue();
        assertThat(pruner.shouldStop("a", 2, Map.of("a", List.of(0.1, 0.1), "b", List.of(0.9, 0.9))))
                .as("one other trial is no median")
                .isFalse();
    }

    @Test
    void ashaRungsAreMinEpochsTimesPowersOfEta() {
        AshaPruner asha = new AshaPruner(1, 3);
        assertThat(List.of(1, 2, 3, 4, 9, 10, 27)).filteredOn(asha::isRung).containsExactly(1, 3, 9, 27);
        assertThat(List.of(2, 4, 6, 8, 16))
                .filteredOn(new AshaPruner(2, 2)::isRung)
                .containsExactly(2, 4, 8, 16);
    }

    @Test
    void ashaLetsOnlyTheTopThirdOfARungGoOn() {
        AshaPruner asha = new AshaPruner(1, 3);
        // six trials at rung 1 (epoch 1): the top third are 0.9 and 0.8
        Map<String, List<Double>> scores = Map.of(
                "t1", List.of(0.9),
                "t2", List.of(0.8),
                "t3", List.of(0.7),
                "t4", List.of(0.6),
                "t5", List.of(0.5),
                "t6", List.of(0.4));
        assertThat(List.of("t1", "t2", "t3", "t4", "t5", "t6"))
                .filteredOn(t -> asha.shouldStop(t, 1, scores))
                .containsExactly("t3", "t4", "t5", "t6");
        assertThat(asha.shouldStop("t1", 2, Map.of("t1", List.of(0.9, 0.1))))
                .as("epoch 2 is no rung")
                .isFalse();
    }

    @Test
    void theFirstTrialAtARungAlwaysGoesOn() {
        AshaPruner asha = new AshaPruner(1, 3);
        assertThat(asha.shouldStop("only", 1, Map.of("only", List.of(0.1)))).isFalse();
        assertThat(asha.shouldStop("later", 3, Map.of("later", List.of(0.5, 0.5, 0.2), "early", List.of(0.9))))
                .as("nobody else reached epoch 3")
                .isFalse();
    }

    @Test
    void aRungPassedWhileNobodyLookedIsStillJudged() {
        AshaPruner asha = new AshaPruner(1, 3);
        Map<String, List<Double>> scores = Map.of(
                "good", List.of(0.9, 0.9),
                "fair", List.of(0.8, 0.85),
                "poor", List.of(0.2, 0.3));
        // "poor" is at epoch 2 (no rung) when first looked at: it is judged at rung 1 all the same
        assertThat(asha.firstStop("poor", 0, 2, scores)).isEqualTo(OptionalInt.of(1));
        assertThat(asha.firstStop("poor", 1, 2, scores))
                .as("rung 1 was judged already")
                .isEmpty();
        assertThat(asha.firstStop("good", 0, 2, scores)).isEmpty();
    }
}
