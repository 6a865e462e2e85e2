package ai.lenetlab.experiments.domain;

import ai.lenetlab.contracts.api.RunAttempt;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One attempt of a run that a worker took: who, when, and how it ended (null while it runs). Its
 * epochs are those stored for it ({@link EpochMetricRow}).
 */
@Entity
@Table(name = "run_attempt")
public class RunAttemptRow extends PanacheEntityBase {

    @Embeddable
    public record Key(UUID runId, int attempt) implements Serializable {}

    @EmbeddedId
    public Key key;

    public String workerId;
    public Instant startedAt;
    public Instant endedAt;

    @Enumerated(EnumType.STRING)
    public RunAttempt.Ended ended;

    /** The run's current attempt was taken by its worker (a redelivered STARTED changes nothing). */
    public static void started(Run run) {
        if (findById(new Key(run.id, run.attempt)) == null) {
            create(run).persist();
        }
    }

    /**
     * The run's current attempt ended {@code how}; it ends once. An attempt no worker took (a queued run
     * cancelled) gets no row; one whose STARTED the service did not store (taken before this table
     * existed) gets its row now. Call under the run's lock, before a new attempt forgets the worker.
     */
    public static void ended(Run run, RunAttempt.Ended how) {
        RunAttemptRow row = findById(new Key(run.id, run.attempt));
        if (row == null) {
            if (run.workerId == null) {
                return;
            }
            row = create(run);
        }
        if (row.ended == null) {
            row.ended = how;
            row.endedAt = Instant.now();
            row.persist();
        }
    }

    private static RunAttemptRow create(Run run) {
        RunAttemptRow row = new RunAttemptRow();
        row.key = new Key(run.id, run.attempt);
        row.workerId = run.workerId;
        row.startedAt = run.startedAt != null ? run.startedAt : Instant.now();
        return row;
    }

    /** The attempts of a run that workers took, in order, each with the epochs it reported. */
    public static List<RunAttempt> of(UUID runId) {
        Map<Integer, EpochMetricRow.Range> epochs = EpochMetricRow.rangesOf(runId);
        return RunAttemptRow.<RunAttemptRow>list("key.runId = ?1 order by key.attempt", runId).stream()
                .map(row -> {
                    EpochMetricRow.Range range = epochs.get(row.key.attempt());
                    return new RunAttempt(
                            row.key.attempt(),
                            row.workerId,
                            range == null ? null : range.from(),
                            range == null ? null : range.to(),
                            row.ended,
                            row.startedAt,
                            row.endedAt);
                })
                .toList();
    }
}
