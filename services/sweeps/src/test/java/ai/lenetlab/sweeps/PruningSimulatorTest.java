package ai.lenetlab.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator itself: without noise the truth must come out; with it, the known median figure. */
class PruningSimulatorTest {

    private static PruningSimulator.Rule rule(String name, int seeds) {
        return PruningSimulator.rules().stream()
                .filter(r -> r.name().equals(name) && r.seeds() == seeds)
                .findFirst()
                .orElseThrow();
    }

    @Test
    @Timeout(60)
    void withoutNoiseEveryRuleThatKeepsTheBestFindsIt() {
        for (PruningSimulator.Rule r : List.of(rule("no stopping", 1), rule("seed racing", 2), rule("median", 1))) {
            PruningSimulator.Result result = PruningSimulator.simulate(r, 0, 100, 1);
            assertThat(result.bestStopped()).as(r.name()).isZero();
            assertThat(result.bestChosen()).as(r.name()).isEqualTo(1.0);
        }
        PruningSimulator.Result none = PruningSimulator.simulate(rule("no stopping", 1), 0, 100, 1);
        assertThat(none.epochs())
                .as("every trial trains every epoch")
                .isEqualTo(PruningSimulator.TRIALS * PruningSimulator.EPOCHS);
    }

    @Test
    @Timeout(60)
    void withNoiseNoStoppingMissesTheBestSometimesAndMoreSeedsHelp() {
        double one =
                PruningSimulator.simulate(rule("no stopping", 1), 1, 300, 2).bestChosen();
        double eight =
                PruningSimulator.simulate(rule("no stopping", 8), 1, 300, 2).bestChosen();
        assertThat(one).isLessThan(0.6);
        assertThat(eight).isGreaterThan(one);
    }

    @Test
    @Timeout(60)
    void theMedianRuleRarelyStopsTheBestAtEqualNoise() {
        PruningSimulator.Result median = PruningSimulator.simulate(rule("median", 1), 1, 1000, 22);
        assertThat(median.bestStopped()).as("issue 22: at most 12 %").isLessThanOrEqualTo(0.12);
        assertThat(median.epochs()).isLessThan(PruningSimulator.TRIALS * PruningSimulator.EPOCHS);
    }
}
