package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.RunStatus;
import ai.lenetlab.messaging.RunProgress;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A run in lists and in the live event stream: status, progress (epoch x of y), latest metrics.
 *
 * @param progressFraction 0–1 over the whole run; 1 when completed
 * @param lastEpoch the newest epoch's metrics, where known
 */
public record RunSummary(
        UUID id,
        UUID experimentId,
        String experimentName,
        int ordinal,
        String preset,
        long seed,
        RunStatus status,
        int attempt,
        int epochs,
        String workerId,
        String device,
        RunProgress progress,
        double progressFraction,
        EpochMetrics lastEpoch,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Double durationSeconds,
        String error) {

    public static RunSummary of(Run run, EpochMetrics lastEpoch) {
        double fraction = run.status == RunStatus.COMPLETED ? 1
                : run.progress != null ? run.progress.fraction()
                : lastEpoch != null ? (double) lastEpoch.epoch() / run.config.epochs() : 0;
        Double duration = run.startedAt == null ? null
                : Duration.between(run.startedAt, run.finishedAt != null ? run.finishedAt : Instant.now()).toMillis() / 1000.0;
        return new RunSummary(run.id, run.experiment.id, run.experiment.name, run.ordinal, run.preset, run.seed,
                run.status, run.attempt, run.config.epochs(), run.workerId, run.device, run.progress, fraction,
                lastEpoch, run.createdAt, run.startedAt, run.finishedAt, duration, run.error);
    }
}
