package ai.lenetlab.sweeps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Every combination of the listed values, in order (the first field varies slowest) — or, when the
 * sweep asks for fewer trials than the grid holds, a seeded shuffle's first ones, so a partial grid
 * still spreads over the space. Nothing is built in memory: trial i's values are the digits of its
 * grid index in the mixed radix of the fields' value counts. Only a partial grid keeps its shuffled
 * indices, one per grid point, so it must be small ({@link SweepSpecCheck#MAX_TRIALS}).
 */
public final class GridSampler implements Sampler {

    private final List<Parameter> parameters;
    private final int trials;
    /** The shuffled grid indices of a partial grid's trials; null for the whole grid in order. */
    private final int[] chosen;

    public GridSampler(SweepPlan plan) {
        parameters = List.copyOf(plan.parameters());
        long size = size(parameters);
        trials = (int) Math.min(plan.trials(), size);
        if (plan.trials() >= size) {
            chosen = null;
        } else if (size <= SweepSpecCheck.MAX_TRIALS) {
            // the same shuffle as of the whole grid before (Collections.shuffle draws by size only), so
            // sweeps started before propose the same trials
            List<Integer> indices =
                    new ArrayList<>(IntStream.range(0, (int) size).boxed().toList());
            Collections.shuffle(indices, new Random(plan.seed()));
            chosen = indices.subList(0, trials).stream()
                    .mapToInt(Integer::intValue)
                    .toArray();
        } else {
            throw new IllegalArgumentException("a partial grid of " + size + " configs; at most "
                    + SweepSpecCheck.MAX_TRIALS + " (SweepSpecCheck refuses larger grids)");
        }
    }

    /** The grid's configs, {@link Long#MAX_VALUE} if more: the fields' value counts multiplied. */
    static long size(List<Parameter> parameters) {
        long size = 1;
        for (Parameter p : parameters) {
            if (p.gridSize() == 0) {
                throw new IllegalArgumentException(p.field() + " is continuous: a grid needs listed values");
            }
            try {
                size = Math.multiplyExact(size, p.gridSize());
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return size;
    }

    public int size() {
        return trials;
    }

    @Override
    public Map<String, Object> next(int index, List<Observation> finished) {
        long rest = chosen == null ? Objects.checkIndex(index, trials) : chosen[index];
        Object[] digits = new Object[parameters.size()];
        for (int i = parameters.size() - 1; i >= 0; i--) { // the last field varies fastest
            Parameter p = parameters.get(i);
            digits[i] = p.gridValue(rest % p.gridSize());
            rest /= p.gridSize();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < digits.length; i++) {
            values.put(parameters.get(i).field(), digits[i]);
        }
        return values;
    }
}
