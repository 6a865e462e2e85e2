package ai.lenetlab.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 22's simulation of the median rule: 30 trials × 10 epochs, 4 training at once; each config's
 * true quality ~ N(0, spread), its score at an epoch = quality + a learning curve shared by all +
 * N(0, noise) per epoch. How often is the true best config stopped? The rule before issue 22 (the
 * current value against the median of every other trial at that epoch, after two others) stopped it
 * in about half of the sweeps at noise = spread.
 */
class MedianStoppingSimulationTest {

    private static final int TRIALS = 30;
    private static final int EPOCHS = 10;
    private static final int CONCURRENT = 4;
    private static final int SWEEPS = 1000;

    /** The share of sweeps in which the config of the highest true quality was stopped early. */
    static double bestStopped(Pruner pruner, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int stoppedBest = 0;
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            double[] quality = new double[TRIALS];
            int best = 0;
            for (int t = 0; t < TRIALS; t++) {
                quality[t] = PruningSimulator.gaussian(random);
                best = quality[t] > quality[best] ? t : best;
            }
            Map<String, List<Double>> curves = new LinkedHashMap<>();
            Set<String> completed = new HashSet<>();
            List<Integer> running = new ArrayList<>();
            int next = 0;
            boolean bestWasStopped = false;
            while (next < TRIALS || !running.isEmpty()) {
                while (running.size() < CONCURRENT && next < TRIALS) {
                    curves.put(String.valueOf(next), new ArrayList<>());
                    running.add(next++);
                }
                // every running trial trains one epoch, then each is judged on what is known then
                for (int t : running) {
                    int epoch = curves.get(String.valueOf(t)).size() + 1;
                    double curve = PruningSimulator.curve(epoch); // shared: all learn alike
                    curves.get(String.valueOf(t)).add(quality[t] + curve + noise * PruningSimulator.gaussian(random));
                }
                for (int t : List.copyOf(running)) {
                    String id = String.valueOf(t);
                    int epoch = curves.get(id).size();
                    if (epoch == EPOCHS) {
                        completed.add(id);
                        running.remove((Integer) t);
                    } else if (pruner.shouldStop(id, epoch, new TrialScores(curves, completed))) {
                        running.remove((Integer) t);
                        bestWasStopped |= t == best;
                    }
                }
            }
            stoppedBest += bestWasStopped ? 1 : 0;
        }
        return (double) stoppedBest / SWEEPS;
    }

    /** The rule before issue 22: current value below the median of all other trials there, after two. */
    static final Pruner OLD_RULE = (trial, epoch, scores) -> {
        double[] others = scores.curves().entrySet().stream()
                .filter(e -> !e.getKey().equals(trial) && e.getValue().size() >= epoch)
                .mapToDouble(e -> e.getValue().get(epoch - 1))
                .sorted()
                .toArray();
        return others.length >= 2 && scores.at(trial, epoch) < MedianPruner.median(others)
                ? java.util.Optional.of("old")
                : java.util.Optional.empty();
    };

    @Test
    @Timeout(60)
    void theMedianRuleRarelyStopsTheBestConfig() {
        MedianPruner median = new MedianPruner(1, 5, 0, SweepSpec.Goal.MAX);
        double equalNoise = bestStopped(median, 1.0, 22);
        double halfNoise = bestStopped(median, 0.5, 22);
        double oldEqualNoise = bestStopped(OLD_RULE, 1.0, 22);
        System.out.printf(
                java.util.Locale.ROOT,
                "P(best stopped): noise = spread %.3f (old rule %.3f), half the noise %.3f%n",
                equalNoise,
                oldEqualNoise,
                halfNoise);
        assertThat(oldEqualNoise).as("the old rule, as issue 22 measured it").isGreaterThan(0.35);
        assertThat(equalNoise).as("noise = spread (Optuna/Vizier: 11 %)").isLessThan(0.15);
        assertThat(halfNoise).as("half the noise (Optuna/Vizier: 2 %)").isLessThan(0.05);
    }
}
