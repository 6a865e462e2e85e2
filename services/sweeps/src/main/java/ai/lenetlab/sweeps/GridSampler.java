package ai.lenetlab.sweeps;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Every combination of the listed values, in order — or, when the sweep asks for fewer trials than the
 * grid holds, a seeded shuffle's first ones, so a partial grid still spreads over the space.
 */
public final class GridSampler implements Sampler {

    private final List<Map<String, Object>> grid;

    public GridSampler(SweepPlan plan) {
        List<Map<String, Object>> all = new ArrayList<>();
        all.add(new LinkedHashMap<>());
        for (Parameter p : plan.parameters()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : all) {
                for (Object value : p.gridValues()) {
                    Map<String, Object> values = new LinkedHashMap<>(partial);
                    values.put(p.field(), value);
                    next.add(values);
                }
            }
            all = next;
        }
        if (plan.trials() < all.size()) {
            Collections.shuffle(all, new Random(plan.seed()));
        }
        grid = List.copyOf(all.subList(0, Math.min(plan.trials(), all.size())));
    }

    public int size() {
        return grid.size();
    }

    @Override
    public Map<String, Object> next(int index, List<Observation> finished) {
        return grid.get(index);
    }
}
