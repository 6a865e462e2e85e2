package ai.lenetlab.sweeps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Each trial's values drawn independently from the ranges, from a generator seeded by (seed, trial). */
public final class RandomSampler implements Sampler {

    private final SweepPlan plan;

    public RandomSampler(SweepPlan plan) {
        this.plan = plan;
    }

    @Override
    public Map<String, Object> next(int index, List<Observation> finished) {
        return draw(plan, index);
    }

    /** Trial {@code index}'s random values: the same for the same plan seed and index. */
    static Map<String, Object> draw(SweepPlan plan, int index) {
        RandomGenerator random = generator(plan.seed(), index);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : plan.parameters()) {
            values.put(p.field(), p.sample(random));
        }
        return values;
    }

    /** A generator for (seed, trial): SplittableRandom mixes its seed, so neighbouring trials do not correlate. */
    static RandomGenerator generator(long seed, int index) {
        return new SplittableRandom(seed * 1_000_003L + index);
    }
}
