package ai.lenetlab.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A diverged run (a loss objective gives NaN) ranks below every finite score: TPE does not propose
 * near it, and the best trial is never a diverged one (issue 22, defect 2).
 */
class DivergedTrialsTest {

    private static SweepPlan lossPlan() throws Exception {
        return SweepSpecCheck.plan(SweepSpecCheckTest.spec("""
                {"name":"s","base":{"preset":"model-2"},"method":"tpe","seed":3,"trials":60,
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]}},
                 "objective":{"metric":"testLoss","goal":"min"}}"""));
    }

    /** A finished trial with one seed whose test loss by epoch is {@code losses}. */
    private static TrialTable.Trial trial(int index, double lr, double... losses) {
        return new TrialTable.Trial(
                index,
                Map.of("learningRate", lr),
                List.of(IntStream.range(0, losses.length)
                        .mapToObj(i -> losses[i])
                        .toList()),
                true);
    }

    @Test
    void tpeDoesNotProposeNearTrialsThatDiverged() throws Exception {
        SweepPlan plan = lossPlan();
        List<TrialTable.Trial> trials = new ArrayList<>();
        // ten trials that learn, best near lr 0.003 (loss grows with the distance in log10 lr)
        double[] rates = {0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.004, 0.006, 0.01, 0.015, 0.02};
        for (int i = 0; i < rates.length; i++) {
            double distance = Math.log10(rates[i]) - Math.log10(0.003);
            trials.add(trial(i, rates[i], 1.0, 0.4 + distance * distance));
        }
        // two that diverged at large learning rates: their loss is NaN
        trials.add(trial(10, 0.05, 2.3, Double.NaN));
        trials.add(trial(11, 0.08, Double.NaN, Double.NaN));
        List<Sampler.Observation> finished = new TrialTable(plan, trials).observations();
        assertThat(finished).hasSize(12);

        Sampler tpe = Sampler.of(plan);
        long nearDiverged = IntStream.range(12, 52)
                .mapToObj(index -> tpe.next(index, finished))
                .filter(values -> (Double) values.get("learningRate") > 0.03)
                .count();
        // before the fix NaN sorted first ("best"): 40 of 40 proposals landed at lr > 0.03
        assertThat(nearDiverged).as("proposals of 40 at lr > 0.03").isLessThanOrEqualTo(2);
    }

    @Test
    void aNonFiniteObjectiveScoresBelowEveryFiniteOne() throws Exception {
        SweepPlan plan = lossPlan();
        assertThat(plan.score(Double.NaN)).isLessThan(plan.score(1e9));
        assertThat(plan.score(Double.POSITIVE_INFINITY)).isLessThan(plan.score(1e9));
        assertThat(Double.compare(plan.score(Double.NaN), plan.score(1e9))).isNegative();
    }
}
