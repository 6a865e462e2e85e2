package ai.lenetlab.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static SweepPlan plan(String method, long seed, int trials) throws Exception {
        return SweepSpecCheck.plan(SweepSpecCheckTest.spec("""
                {"name":"s","base":{"preset":"model-2"},"method":"%s","seed":%d,"trials":%d,
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]},"batchSize":{"choice":[64,128,256]},
                          "dropout":{"uniform":[0.0,0.6]},"epochs":{"intUniform":[5,20]}}}""".formatted(method, seed, trials)));
    }

    /** Proposes {@code trials} trials in turn, scoring each with {@code objective} as it finishes. */
    private static List<Sampler.Observation> run(SweepPlan plan, ToDoubleFunction<Map<String, Object>> objective) {
        Sampler sampler = Sampler.of(plan);
        List<Sampler.Observation> finished = new ArrayList<>();
        for (int i = 0; i < plan.trials(); i++) {
            Map<String, Object> values = sampler.next(i, List.copyOf(finished));
            finished.add(new Sampler.Observation(values, objective.applyAsDouble(values)));
        }
        return finished;
    }

    /** Best near learning rate 0.003 and dropout 0.2, a little better with batch 128. */
    private static double objective(Map<String, Object> v) {
        double lr = Math.log10((Double) v.get("learningRate")) - Math.log10(0.003);
        double dropout = (Double) v.get("dropout") - 0.2;
        return -(lr * lr) - 4 * dropout * dropout + ((Integer) v.get("batchSize") == 128 ? 0.1 : 0);
    }

    @Test
    void theSameSpecAndSeedGiveTheSameTrials() throws Exception {
        for (String method : List.of("random", "tpe")) {
            List<Sampler.Observation> first = run(plan(method, 7, 24), SamplerTest::objective);
            List<Sampler.Observation> again = run(plan(method, 7, 24), SamplerTest::objective);
            List<Sampler.Observation> other = run(plan(method, 8, 24), SamplerTest::objective);
            assertThat(again).as(method).isEqualTo(first);
            assertThat(other).as(method + " with another seed").isNotEqualTo(first);
        }
    }

    @Test
    void randomValuesStayInTheirRangesAndTheLogScaleIsLogarithmic() throws Exception {
        List<Sampler.Observation> trials = run(plan("random", 1, 400), v -> 0);
        assertThat(trials).allSatisfy(t -> {
            assertThat((Double) t.values().get("learningRate")).isBetween(0.0001, 0.1);
            assertThat((Double) t.values().get("dropout")).isBetween(0.0, 0.6);
            assertThat((Long) t.values().get("epochs")).isBetween(5L, 20L);
            assertThat(t.values().get("batchSize")).isIn(64, 128, 256);
        });
        long belowGeometricMean = trials.stream()
                .filter(t -> (Double) t.values().get("learningRate") < Math.sqrt(0.0001 * 0.1))
                .count();
        assertThat(belowGeometricMean).as("half below 10^-2.5 on a log scale").isBetween(160L, 240L);
        assertThat(trials.stream().map(t -> t.values().get("epochs")).distinct().count())
                .as("every whole number from 5 to 20 turns up")
                .isEqualTo(16);
    }

    @Test
    void aGridVisitsEveryCombinationOnce() throws Exception {
        SweepPlan plan = SweepSpecCheck.plan(SweepSpecCheckTest.spec("""
                {"name":"g","base":{"preset":"model-2"},"method":"grid",
                 "space":{"batchSize":{"choice":[64,128,256]},"optimizer":{"choice":["adam","sgd"]}}}"""));
        List<Map<String, Object>> values =
                run(plan, v -> 0).stream().map(Sampler.Observation::values).toList();
        assertThat(values).hasSize(6).doesNotHaveDuplicates();
        assertThat(values.get(0)).isEqualTo(Map.of("batchSize", 64, "optimizer", "adam"));
        assertThat(plan.config(values.get(1), 1).optimizer().id()).isEqualTo("sgd");
    }

    @Test
    void tpeFindsBetterConfigsThanRandomSearchWithTheSameTrials() throws Exception {
        // over 20 seeds, 40 trials each: TPE (10 random, then 30 guided) against 40 random ones
        double tpeBest = 0;
        double randomBest = 0;
        double tpeLate = 0;
        double randomLate = 0;
        for (int seed = 1; seed <= 20; seed++) {
            List<Sampler.Observation> tpe = run(plan("tpe", seed, 40), SamplerTest::objective);
            List<Sampler.Observation> random = run(plan("random", seed, 40), SamplerTest::objective);
            tpeBest += best(tpe) / 20;
            randomBest += best(random) / 20;
            tpeLate += mean(tpe.subList(20, 40)) / 20;
            randomLate += mean(random.subList(20, 40)) / 20;
        }
        System.out.printf(
                "over 20 seeds: best found TPE %.4f, random %.4f; mean of trials 21–40 TPE %.4f, random %.4f%n",
                tpeBest, randomBest, tpeLate, randomLate);
        assertThat(tpeBest).isGreaterThan(randomBest);
        // the guided trials themselves are far better than random ones (the objective's range is ~ −3…0.1)
        assertThat(tpeLate).isGreaterThan(randomLate + 0.3);
    }

    private static double mean(List<Sampler.Observation> trials) {
        return trials.stream().mapToDouble(Sampler.Observation::score).average().orElseThrow();
    }

    @Test
    void tpeProposesFromTheGoodRegionOnceItHasSeenEnough() throws Exception {
        List<Sampler.Observation> trials = run(plan("tpe", 3, 60), SamplerTest::objective);
        double startDistance = meanDistance(trials.subList(0, 10));
        double lateDistance = meanDistance(trials.subList(40, 60));
        assertThat(lateDistance)
                .as("guided proposals lie closer to lr 0.003 than the random start")
                .isLessThan(startDistance / 2);
    }

    private static double meanDistance(List<Sampler.Observation> trials) {
        return trials.stream()
                .mapToDouble(t -> Math.abs(Math.log10((Double) t.values().get("learningRate")) - Math.log10(0.003)))
                .average()
                .orElseThrow();
    }

    private static double best(List<Sampler.Observation> trials) {
        return trials.stream().mapToDouble(Sampler.Observation::score).max().orElseThrow();
    }

    @Test
    void unitMappingsRoundTrip() {
        Parameter log = new Parameter.LogUniform("learningRate", 1e-4, 1e-1);
        assertThat((Double) log.fromUnit(log.toUnit(0.003)))
                .isCloseTo(0.003, org.assertj.core.data.Offset.offset(1e-12));
        Parameter ints = new Parameter.IntUniform("epochs", 5, 20);
        IntStream.rangeClosed(5, 20)
                .forEach(e -> assertThat(ints.fromUnit(ints.toUnit((long) e))).isEqualTo((long) e));
        Parameter choice = new Parameter.Choice("batchSize", List.of(64, 128, 256));
        assertThat(choice.fromUnit(choice.toUnit(128))).isEqualTo(128);
    }
}
