package ai.lenetlab.experiments.api;

import ai.lenetlab.experiments.domain.Experiment;
import ai.lenetlab.experiments.domain.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** An experiment with its runs, and how many runs are in each status. */
public record ExperimentView(
        UUID id, String name, String description, Instant createdAt, Map<RunStatus, Long> statusCounts,
        List<RunSummary> runs) {

    public static ExperimentView of(Experiment e, List<RunSummary> runs) {
        Map<RunStatus, Long> counts = new TreeMap<>();
        runs.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        return new ExperimentView(e.id, e.name, e.description, e.createdAt, counts, runs);
    }
}
