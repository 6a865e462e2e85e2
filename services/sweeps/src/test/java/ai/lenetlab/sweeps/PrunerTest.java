package ai.lenetlab.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Median stopping and ASHA on epoch tables made up for the purpose (scores: higher is better). */
class PrunerTest {

    @Test
    void medianComparesTheBestSoFarWithTheMedianOfCompletedTrials() {
        // three completed trials (10 epochs planned, all trained), one stopped, one running
        Map<String, List<Double>> curves = Map.of(
                "a", List.of(0.70, 0.80, 0.85),
                "b", List.of(0.72, 0.82, 0.86),
                "c", List.of(0.60, 0.78, 0.84),
                "stopped", List.of(0.10, 0.10),
                "running", List.of(0.95, 0.96),
                "t", List.of(0.81, 0.79));
        TrialScores scores = new TrialScores(curves, Set.of("a", "b", "c"));
        MedianPruner pruner = new MedianPruner(1, 3, 0, SweepSpec.Goal.MAX);

        assertThat(pruner.judge("t", 2, scores))
                .as("its best 0.81 (epoch 1) ≥ median(0.80, 0.82, 0.78) = 0.80, though now 0.79 < 0.80")
                .isEmpty();
        assertThat(pruner.judge("t", 1, scores))
                .as("0.81 > median(0.70, 0.72, 0.60): the stopped and running trials never set the bar")
                .isEmpty();
        assertThat(pruner.judge("stopped", 2, scores))
                .hasValue("its best 0.1000 < median 0.8000 of 3 completed trials at epoch 2");
        assertThat(new MedianPruner(1, 4, 0, SweepSpec.Goal.MAX).judge("stopped", 2, scores))
                .as("fewer completed trials than startupTrials")
                .isEmpty();
        assertThat(new MedianPruner(1, 3, 2, SweepSpec.Goal.MAX).judge("stopped", 2, scores))
                .as("within the warm-up")
                .isEmpty();
        assertThat(new MedianPruner(3, 3, 0, SweepSpec.Goal.MAX).judge("stopped", 2, scores))
                .as("before minEpochs")
                .isEmpty();
    }

    @Test
    void medianOfALossSaysTheLoss() throws Exception {
        SweepPlan plan = SweepSpecCheck.plan(SweepSpecCheckTest.spec("""
                {"name":"s","base":{"preset":"model-2","overrides":{"epochs":3}},"method":"random",
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]}},"objective":{"metric":"testLoss"},
                 "earlyStopping":{"rule":"median","minEpochs":1,"startupTrials":1}}"""));
        assertThat(plan.startupTrials()).isEqualTo(1);
        assertThat(plan.warmupEpochs()).isZero();
        TrialScores scores =
                new TrialScores(Map.of("done", List.of(-0.5, -0.4, -0.3), "t", List.of(-0.9)), Set.of("done"));
        assertThat(Pruner.of(plan).judge("t", 1, scores))
                .hasValue("its best 0.9000 > median 0.5000 of 1 completed trials at epoch 1");
    }

    @Test
    void theMedianRuleWaitsForFiveCompletedTrialsByDefault() throws Exception {
        SweepPlan plan = SweepSpecCheck.plan(SweepSpecCheckTest.spec("""
                {"name":"s","base":{"preset":"model-2","overrides":{"epochs":3}},"method":"random",
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]}},
                 "earlyStopping":{"rule":"median","minEpochs":1}}"""));
        assertThat(plan.startupTrials()).isEqualTo(5);
        Map<String, List<Double>> curves = new java.util.HashMap<>();
        Set<String> completed = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            curves.put("c" + i, List.of(0.9, 0.9, 0.9));
            completed.add("c" + i);
        }
        curves.put("t", List.of(0.1));
        assertThat(Pruner.of(plan).shouldStop("t", 1, new TrialScores(curves, completed)))
                .isFalse();
        curves.put("c4", List.of(0.9, 0.9, 0.9));
        completed.add("c4");
        assertThat(Pruner.of(plan).shouldStop("t", 1, new TrialScores(curves, completed)))
                .isTrue();
    }

    @Test
    void aDivergedTrialStopsAtOnceWhateverTheRule() throws Exception {
        for (String rule : List.of("none", "median", "asha")) {
            SweepPlan plan = SweepSpecCheck.plan(SweepSpecCheckTest.spec("""
                    {"name":"s","base":{"preset":"model-2","overrides":{"epochs":9}},"method":"random",
                     "space":{"learningRate":{"logUniform":[0.0001,0.1]}},"objective":{"metric":"testLoss"},
                     "earlyStopping":{"rule":"%s","minEpochs":3}}""".formatted(rule)));
            TrialScores scores = TrialScores.running(Map.of("t", List.of(0.4, Double.NaN)));
            assertThat(Pruner.of(plan).firstStop("t", 0, 2, scores))
                    .as(rule)
                    .hasValue(new Pruner.Stop(2, "diverged (NaN)"));
        }
    }

    @Test
    void aDivergedTrialAtARungRanksWorstAndNeverMakesTheCutoffNaN() {
        AshaPruner asha = new AshaPruner(1, 3);
        Map<String, List<Double>> curves = Map.of(
                "t1", List.of(0.9),
                "t2", List.of(0.8),
                "t3", List.of(0.7),
                "nan", List.of(Double.NaN));
        TrialScores scores = TrialScores.running(curves);
        // ranks 0.9 > 0.8 > 0.7 > NaN: the top third are 0.9 and part of 0.8 (cutoff 0.8)
        assertThat(List.of("t1", "t2", "t3", "nan"))
                .filteredOn(t -> asha.shouldStop(t, 1, scores))
                .containsExactly("t3", "nan");
        assertThat(AshaPruner.quantile(new double[] {Double.NEGATIVE_INFINITY, 0.5}, 0.5))
                .isEqualTo(Double.NEGATIVE_INFINITY);
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
                .filteredOn(t -> asha.shouldStop(t, 1, TrialScores.running(scores)))
                .containsExactly("t3", "t4", "t5", "t6");
        assertThat(asha.shouldStop("t1", 2, TrialScores.running(Map.of("t1", List.of(0.9, 0.1)))))
                .as("epoch 2 is no rung")
                .isFalse();
    }

    @Test
    void theFirstTrialAtARungAlwaysGoesOn() {
        AshaPruner asha = new AshaPruner(1, 3);
        assertThat(asha.shouldStop("only", 1, TrialScores.running(Map.of("only", List.of(0.1)))))
                .isFalse();
        assertThat(asha.shouldStop(
                        "later",
                        3,
                        TrialScores.running(Map.of("later", List.of(0.5, 0.5, 0.2), "early", List.of(0.9)))))
                .as("nobody else reached epoch 3")
                .isFalse();
    }

    @Test
    void aRungPassedWhileNobodyLookedIsStillJudged() {
        AshaPruner asha = new AshaPruner(1, 3);
        TrialScores scores = TrialScores.running(Map.of(
                "good", List.of(0.9, 0.9),
                "fair", List.of(0.8, 0.85),
                "poor", List.of(0.2, 0.3)));
        // "poor" is at epoch 2 (no rung) when first looked at: it is judged at rung 1 all the same
        assertThat(asha.firstStop("poor", 0, 2, scores).map(Pruner.Stop::epoch)).isEqualTo(Optional.of(1));
        assertThat(asha.firstStop("poor", 1, 2, scores))
                .as("rung 1 was judged already")
                .isEmpty();
        assertThat(asha.firstStop("good", 0, 2, scores)).isEmpty();
    }
}
