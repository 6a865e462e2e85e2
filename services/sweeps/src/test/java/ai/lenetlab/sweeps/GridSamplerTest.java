package ai.lenetlab.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The grid sampler proposes what the grid sampler of before did, in the same order, without holding the grid. */
class GridSamplerTest {

    private static SweepPlan plan(String trials, long seed) throws Exception {
        return SweepSpecCheck.plan(SweepSpecCheckTest.spec("""
                {"name":"g","base":{"preset":"model-2"},"method":"grid","seed":%d%s,
                 "space":{"batchSize":{"choice":[64,128,256]},"optimizer":{"choice":["adam","sgd"]},
                          "epochs":{"intUniform":[1,4]}}}""".formatted(seed, trials)));
    }

    @Test
    void aWholeGridComesInTheOrderOfBefore() throws Exception {
        SweepPlan plan = plan("", 1);
        assertThat(plan.trials()).isEqualTo(24);
        assertThat(proposed(plan)).isEqualTo(eagerGrid(plan));
        assertThat(proposed(plan).get(1))
                .containsExactly(Map.entry("batchSize", 64), Map.entry("optimizer", "adam"), Map.entry("epochs", 2L));
    }

    @Test
    void aPartialGridIsTheSameSeededShuffleAsBefore() throws Exception {
        for (long seed : List.of(0L, 5L, 123_456_789L)) {
            SweepPlan plan = plan(",\"trials\":7", seed);
            assertThat(proposed(plan)).as("seed " + seed).isEqualTo(eagerGrid(plan));
            assertThat(proposed(plan)).doesNotHaveDuplicates();
        }
    }

    @Test
    void aMillionConfigGridIsEnumeratedWithoutBeingBuilt() throws Exception {
        // past what SweepSpecCheck lets through, made by hand: the sampler itself must not build the grid
        SweepPlan small = plan("", 1);
        List<Parameter> million = List.of(
                new Parameter.IntUniform("conv1Channels", 1, 100),
                new Parameter.IntUniform("conv2Channels", 1, 100),
                new Parameter.Choice(
                        "batchSize",
                        IntStream.rangeClosed(1, 100)
                                .boxed()
                                .map(Object.class::cast)
                                .toList()));
        SweepPlan plan = withGrid(small, million, 1_000_000);
        Runtime heap = Runtime.getRuntime();
        System.gc();
        long before = heap.totalMemory() - heap.freeMemory();

        Sampler sampler = Sampler.of(plan);
        Map<String, Object> last = sampler.next(999_999, List.of());
        Map<String, Object> some = sampler.next(12_345, List.of());

        long grown = heap.totalMemory() - heap.freeMemory() - before;
        assertThat(last)
                .containsExactly(
                        Map.entry("conv1Channels", 100L),
                        Map.entry("conv2Channels", 100L),
                        Map.entry("batchSize", 100));
        // 12,345 = 1·100² + 23·100 + 45: digits 1, 23, 45 are the 2nd, 24th and 46th values
        assertThat(some)
                .containsExactly(
                        Map.entry("conv1Channels", 2L), Map.entry("conv2Channels", 24L), Map.entry("batchSize", 46));
        assertThat(grown)
                .as("bytes allocated (the grid built would take hundreds of MB)")
                .isLessThan(32L << 20);
    }

    @Test
    void aPartOfAGridTooLargeToShuffleIsRefusedNotBuilt() throws Exception {
        List<Parameter> trillion = IntStream.range(0, 6)
                .mapToObj(i -> (Parameter) new Parameter.IntUniform(
                        List.of("conv1Channels", "conv2Channels", "fc1Units", "fc2Units", "epochs", "lrStepSize")
                                .get(i),
                        1,
                        100))
                .toList();
        SweepPlan plan = withGrid(plan("", 1), trillion, 50);
        assertThatThrownBy(() -> Sampler.of(plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000000000000");
        assertThat(GridSampler.size(java.util.Collections.nCopies(11, new Parameter.IntUniform("epochs", 1, 64))))
                .as("2^66 saturates, never wraps to 0")
                .isEqualTo(Long.MAX_VALUE);
    }

    private static SweepPlan withGrid(SweepPlan p, List<Parameter> parameters, int trials) {
        return new SweepPlan(
                p.name(),
                p.preset(),
                p.base(),
                parameters,
                p.method(),
                trials,
                p.seedsPerTrial(),
                p.seed(),
                p.metric(),
                p.goal(),
                p.rule(),
                p.minEpochs(),
                p.reductionFactor(),
                p.startupTrials(),
                p.warmupEpochs(),
                p.maxConcurrent(),
                p.priority(),
                p.maxRuns(),
                p.maxEpochs(),
                p.adaptiveSeeds());
    }

    private static List<Map<String, Object>> proposed(SweepPlan plan) {
        Sampler sampler = Sampler.of(plan);
        return IntStream.range(0, plan.trials())
                .mapToObj(i -> sampler.next(i, List.of()))
                .toList();
    }

    /**
     * The grid sampler as it was (the reference): every combination built in memory, the first field
     * varying slowest, then a seeded shuffle's first trials when the sweep asks for fewer.
     */
    private static List<Map<String, Object>> eagerGrid(SweepPlan plan) {
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(new LinkedHashMap<>());
        for (Parameter p : plan.parameters()) {
            List<Object> values = switch (p) {
                case Parameter.Choice c -> c.values();
                case Parameter.IntUniform r ->
                    LongStream.rangeClosed(r.low(), r.high())
                            .boxed()
                            .map(Object.class::cast)
                            .toList();
                default -> throw new IllegalArgumentException("not a grid: " + p);
            };
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : all) {
                for (Object value : values) {
                    Map<String, Object> combined = new LinkedHashMap<>(partial);
                    combined.put(p.field(), value);
                    next.add(combined);
                }
            }
            all = next;
        }
        if (plan.trials() < all.size()) {
            Collections.shuffle(all, new Random(plan.seed()));
        }
        return List.copyOf(all.subList(0, Math.min(plan.trials(), all.size())));
    }
}
