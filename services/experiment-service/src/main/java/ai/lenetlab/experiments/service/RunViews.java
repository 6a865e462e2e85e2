package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.api.ExperimentView;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.experiments.domain.Experiment;
import ai.lenetlab.experiments.domain.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the API's views of runs and experiments from the stored entities. */
public final class RunViews {

    private RunViews() {}

    /** A run as lists and the event stream show it; {@code lastEpoch} is its newest epoch, where known. */
    public static RunSummary summary(Run run, EpochMetrics lastEpoch) {
        double fraction = run.status == RunStatus.COMPLETED
                ? 1
                : run.progress != null
                        ? run.progress.fraction()
                        : lastEpoch != null ? (double) lastEpoch.epoch() / run.config.epochs() : 0;
        Double duration = run.startedAt == null
                ? null
                : Duration.between(run.startedAt, run.finishedAt != null ? run.finishedAt : Instant.now())
                                .toMillis()
                        / 1000.0;
        return new RunSummary(
                run.id,
                run.experiment.id,
                run.experiment.name,
                run.ordinal,
                run.preset,
                run.seed,
                run.status,
                run.attempt,
                run.config.epochs(),
                run.workerId,
                run.device,
                run.progress,
                fraction,
                lastEpoch,
                run.createdAt,
                run.startedAt,
                run.finishedAt,
                duration,
                run.error);
    }

    /** An experiment with its runs, and how many runs are in each status. */
    public static ExperimentView experiment(Experiment e, List<RunSummary> runs) {
        Map<RunStatus, Long> counts = new TreeMap<>();
        runs.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
        return new ExperimentView(e.id, e.name, e.description, e.createdAt, counts, runs);
    }

    /** A run as people name it: "model-2 #3 (seed 1)". */
    public static String label(Run run) {
        return (run.preset != null ? run.preset : "custom") + " #" + run.ordinal + " (seed " + run.seed + ")";
    }
}
