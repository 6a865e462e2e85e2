package ai.lenetlab.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedRaceTest {

    private final SeedRace race = new SeedRace(2, 8, 0.05, SweepSpec.Goal.MAX);

    @Test
    void welchMatchesScipy() {
        double[] a = {0.884, 0.881, 0.887};
        double[] b = {0.861, 0.866, 0.858, 0.863};
        WelchTest welch = WelchTest.of(a, b);
        // scipy.stats.ttest_ind(a, b, equal_var=False): p 0.000351069017866074; alternative="greater": half
        assertThat(welch.pTwoSided()).isCloseTo(0.000351069017866074, within(1e-12));
        assertThat(welch.pGreater()).isCloseTo(0.000175534508933037, within(1e-12));
    }

    @Test
    void holmMatchesAHandWorkedExample() {
        // m = 4: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max so far 0.06
        assertThat(Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005}))
                .containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
    }

    @Test
    void aClearlyWorseTrialStopsWithItsReasonAndTiedOnesGetASeed() {
        Map<String, double[]> rung = new LinkedHashMap<>();
        rung.put("0", new double[] {0.884, 0.881, 0.887});
        rung.put("1", new double[] {0.861, 0.866, 0.858, 0.863});
        rung.put("2", new double[] {0.878, 0.887});
        Map<String, SeedRace.Decision> decisions = race.judge(4, rung);

        assertThat(decisions.get("1").verdict()).isEqualTo(SeedRace.Verdict.STOP);
        // Holm over 2 contrasts: 2 · 0.000175534508933037 (scipy, one-sided Welch) < 0.001
        assertThat(decisions.get("1").reason())
                .isEqualTo("its best 0.8620 (SE 0.0017) < leader 0.8840 (SE 0.0017) at epoch 4, 4 vs 3 seeds,"
                        + " p_adj < 0.001");
        assertThat(decisions.get("2").verdict()).as("tied with the leader").isEqualTo(SeedRace.Verdict.MORE_SEEDS);
        assertThat(decisions.get("0").verdict())
                .as("the leader of a tied race gets a seed too")
                .isEqualTo(SeedRace.Verdict.MORE_SEEDS);
    }

    @Test
    void holmKeepsABorderlineTrialInTheRaceThatOneTestAloneWouldStop() {
        double[] leader = {0.884, 0.881, 0.887};
        double[] borderline = {0.878, 0.875, 0.881};
        // scipy one-sided Welch leader > borderline: p = 0.0352 alone (< 0.05); first of 3 contrasts: ×3
        assertThat(WelchTest.of(leader, borderline).pGreater()).isCloseTo(0.03524199845511167, within(1e-12));
        Map<String, double[]> alone = Map.of("0", leader, "1", borderline);
        assertThat(race.judge(3, alone).get("1").verdict()).isEqualTo(SeedRace.Verdict.STOP);

        Map<String, double[]> crowded = new LinkedHashMap<>(alone);
        crowded.put("2", new double[] {0.883, 0.880, 0.886});
        crowded.put("3", new double[] {0.882, 0.886, 0.879});
        assertThat(race.judge(3, crowded).get("1").verdict()).isEqualTo(SeedRace.Verdict.MORE_SEEDS);
    }

    @Test
    void maxSeedsEndsTheSeedsAndOneSeedIsNeverTested() {
        SeedRace small = new SeedRace(2, 3, 0.05, SweepSpec.Goal.MAX);
        Map<String, double[]> rung = new LinkedHashMap<>();
        rung.put("0", new double[] {0.884, 0.881, 0.887});
        rung.put("1", new double[] {0.880, 0.889, 0.870});
        rung.put("2", new double[] {0.5});
        Map<String, SeedRace.Decision> decisions = small.judge(2, rung);
        assertThat(decisions.get("1").verdict()).isEqualTo(SeedRace.Verdict.GO_ON);
        // scipy.stats.ttest_ind([.884,.881,.887], [.880,.889,.870], equal_var=False, alternative="greater"):
        // p 0.2592 (one contrast: trial 2's one seed is not tested)
        assertThat(decisions.get("1").reason())
                .isEqualTo(
                        "at its most seeds (3), still tied with leader 0.8840 (SE 0.0017) at epoch 2, p_adj = 0.259");
        assertThat(decisions.get("0").verdict()).isEqualTo(SeedRace.Verdict.GO_ON);
        assertThat(decisions.get("0").reason())
                .isEqualTo("the leader at epoch 2 (0.8840, SE 0.0017, 3 seeds): at its most seeds (3)");
        assertThat(decisions.get("2").verdict()).as("one seed: nothing to test").isEqualTo(SeedRace.Verdict.GO_ON);
        assertThat(decisions.get("2").reason()).isEqualTo("1 seed at epoch 2: too few to test");
    }

    @Test
    void aLeaderToldApartFromEveryoneGoesOnAndSaysWhy() {
        Map<String, double[]> rung = new LinkedHashMap<>();
        rung.put("0", new double[] {0.884, 0.881, 0.887});
        rung.put("1", new double[] {0.861, 0.866, 0.858, 0.863});
        assertThat(race.judge(4, rung).get("0"))
                .isEqualTo(new SeedRace.Decision(
                        SeedRace.Verdict.GO_ON,
                        "the leader at epoch 4 (0.8840, SE 0.0017, 3 seeds): told apart from the 1 other trial"));
        assertThat(race.judge(4, Map.of("0", rung.get("0"))).get("0").reason())
                .isEqualTo("the leader at epoch 4 (0.8840, SE 0.0017, 3 seeds): no other trial of 2 seeds there");
    }

    @Test
    void aSweepsRaceJudgesATrialAtItsRungsBeforeItsLastEpochUntilItStopsOrGetsASeed() throws Exception {
        // rungs at minEpochs·η^k = 1, 2, 4 of 5 epochs
        SweepPlan plan = SweepSpecCheck.plan(SweepSpecCheckTest.spec("""
                {"name":"race","base":{"preset":"model-2","overrides":{"epochs":5}},
                 "space":{"learningRate":{"choice":[0.001,0.002,0.003]}},"method":"grid",
                 "seeds":{"adaptive":{"min":2,"max":4}},"earlyStopping":{"minEpochs":1,"reductionFactor":2}}"""));
        SeedRace sweepRace = SeedRace.of(plan);
        assertThat(sweepRace.maxSeeds()).isEqualTo(4);
        TrialTable.Trial leader =
                trial(0, List.of(0.80, 0.85, 0.86, 0.87, 0.89), List.of(0.81, 0.86, 0.87, 0.88, 0.90));
        TrialTable.Trial hopeless =
                trial(1, List.of(0.50, 0.55, 0.56, 0.57, 0.58), List.of(0.51, 0.56, 0.57, 0.58, 0.59));
        TrialTable.Trial close = trial(2, List.of(0.80, 0.84), List.of(0.80, 0.86));
        TrialTable table = new TrialTable(plan, List.of(leader, hopeless, close));

        assertThat(sweepRace.atRungs("1", 0, 5, 5, table))
                .get()
                .extracting(SeedRace.AtRung::epoch, a -> a.decision().verdict())
                .containsExactly(1, SeedRace.Verdict.STOP);
        assertThat(sweepRace.atRungs("2", 0, 2, 5, table))
                .as("tied with the leader at its first rung")
                .get()
                .extracting(SeedRace.AtRung::epoch, a -> a.decision().verdict())
                .containsExactly(1, SeedRace.Verdict.MORE_SEEDS);
        assertThat(sweepRace.atRungs("0", 1, 5, 5, table))
                .as("the leader of a race still tied at rung 2 (trial 2's 0.85 against its 0.855)")
                .get()
                .extracting(SeedRace.AtRung::epoch, a -> a.decision().verdict())
                .containsExactly(2, SeedRace.Verdict.MORE_SEEDS);
        assertThat(sweepRace.atRungs("2", 1, 1, 5, table))
                .as("no rung after 1 reached")
                .isEmpty();

        TrialTable apart = new TrialTable(plan, List.of(leader, hopeless));
        assertThat(sweepRace.atRungs("0", 0, 5, 5, apart))
                .as("told apart at rungs 1, 2 and 4; the last epoch, 5, is no rung")
                .get()
                .extracting(SeedRace.AtRung::epoch, a -> a.decision().verdict())
                .containsExactly(4, SeedRace.Verdict.GO_ON);
    }

    @Test
    void atTheEndTrialsAreRacedOnTheirValuesAtTheLastEpochTheirResults() throws Exception {
        SweepPlan plan = SweepSpecCheck.plan(SweepSpecCheckTest.spec("""
                {"name":"race","base":{"preset":"model-2","overrides":{"epochs":2}},
                 "space":{"learningRate":{"choice":[0.001,0.002]}},"method":"grid",
                 "seeds":{"adaptive":{"min":2,"max":4}}}"""));
        // trial 0 was better at epoch 1 and fell back: its best so far leads, its result does not
        TrialTable table = new TrialTable(
                plan,
                List.of(
                        trial(0, List.of(0.90, 0.80), List.of(0.91, 0.81)),
                        trial(1, List.of(0.70, 0.85), List.of(0.71, 0.86))));
        assertThat(table.atEpoch(2).get("0")).containsExactly(0.80, 0.81);
        assertThat(table.atRung(2).get("0")).containsExactly(0.90, 0.91);
        // scipy.stats.ttest_ind([.85,.86], [.80,.81], equal_var=False, alternative="greater"): p 0.00971
        assertThat(SeedRace.of(plan).atTheEnd(2, table.atEpoch(2)).get("0").reason())
                .isEqualTo(
                        "its final 0.8050 (SE 0.0050) < leader 0.8550 (SE 0.0050) at epoch 2, 2 vs 2 seeds, p_adj = 0.010");
    }

    private static TrialTable.Trial trial(int index, List<Double>... seeds) {
        return new TrialTable.Trial(index, Map.of(), List.of(seeds), false);
    }

    @Test
    void aDivergedSeedStopsItsTrialAndALossReadsTheOtherWay() {
        SeedRace loss = new SeedRace(2, 8, 0.05, SweepSpec.Goal.MIN);
        double nan = Double.NaN;
        Map<String, double[]> rung = new LinkedHashMap<>();
        // scores of a loss are negated: loss 0.30 is score −0.30
        rung.put("0", new double[] {-0.30, -0.31, -0.29});
        rung.put("1", new double[] {-0.50, -0.52, -0.51});
        rung.put("2", SeedRace.bestSoFar(List.of(List.of(-0.9, nan), List.of(-0.8, -0.7)), 2));
        Map<String, SeedRace.Decision> decisions = loss.judge(2, rung);
        assertThat(decisions.get("2").reason()).isEqualTo(Pruner.DIVERGED);
        assertThat(decisions.get("1").reason()).startsWith("its best 0.5100 (SE 0.0058) > leader 0.3000 (SE 0.0058)");
    }
}
