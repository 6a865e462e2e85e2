package ai.lenetlab.frontend.backend;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What to compare: the runs named or every run of the experiments named, and optionally the seed group
 * every other group is contrasted with (its label or one of its run ids).
 */
public record CompareQuery(List<UUID> runs, List<UUID> experiments, String baseline) {

    public CompareQuery {
        runs = List.copyOf(runs);
        experiments = List.copyOf(experiments);
    }

    public static CompareQuery ofRuns(List<UUID> runs) {
        return new CompareQuery(runs, List.of(), null);
    }

    public static CompareQuery ofExperiments(List<UUID> experiments) {
        return new CompareQuery(List.of(), experiments, null);
    }

    public CompareQuery withBaseline(String baseline) {
        return new CompareQuery(runs, experiments, baseline);
    }

    public boolean isEmpty() {
        return runs.isEmpty() && experiments.isEmpty();
    }

    /** The API's {@code runs} parameter: ids separated by commas, or null. */
    public String runsParameter() {
        return join(runs);
    }

    /** The API's {@code experiment} parameter: ids separated by commas, or null. */
    public String experimentParameter() {
        return join(experiments);
    }

    private static String join(List<UUID> ids) {
        return ids.isEmpty() ? null : ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }
}
