package ai.lenetlab.experiments.domain;

import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.api.RunProgress;
import ai.lenetlab.contracts.api.RunStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One config with one seed, trained by a worker. {@code attempt} counts the times it was handed to
 * a worker; events of any other attempt are stale and ignored. Only {@code failures} and
 * {@code losses} decide when the lab gives up on it.
 */
@Entity
public class Run extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Experiment experiment;

    public int ordinal;
    public String preset;
    public long seed;

    @JdbcTypeCode(SqlTypes.JSON)
    public RunConfig config;

    @Enumerated(EnumType.STRING)
    public RunStatus status;

    public int attempt;

    /** Its attempts that ended FAILED (the run's own failures), bounded by {@code lenetlab.runs.max-attempts}. */
    public int failures;

    /** Its workers lost (silent) in a row, bounded by {@code lenetlab.runs.max-losses}; a hand-back or a failure resets it. */
    public int losses;

    public String workerId;
    public String device;
    public Long parameters;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<LayerInfo> layers;

    @JdbcTypeCode(SqlTypes.JSON)
    public RunProgress progress;

    public String error;
    public boolean cancelRequested;
    public Instant createdAt;
    public Instant queuedAt;
    public Instant startedAt;
    public Instant finishedAt;
    public Instant lastHeartbeatAt;

    /** When the lab handed this attempt to the workers (a request on Kafka); null while it waits in the lab's queue. */
    public Instant dispatchedAt;

    /** The secret of the attempt handed out ({@link AttemptSecret}); null while it waits in the lab's queue. */
    public String attemptSecret;

    /** Higher goes to the workers first (a sweep's priority; 0 for experiments). */
    public int priority;

    /** The sweep and trial the run belongs to; null for runs submitted in experiments. */
    public UUID sweepId;

    public Integer trial;

    /** A new run of {@code experiment}, QUEUED for its first attempt. */
    public static Run queued(Experiment experiment, int ordinal, String preset, RunConfig config, Instant now) {
        Run run = new Run();
        run.id = UUID.randomUUID();
        run.experiment = experiment;
        run.ordinal = ordinal;
        run.preset = preset;
        run.config = config;
        run.seed = config.seed();
        run.status = RunStatus.QUEUED;
        run.attempt = 1;
        run.createdAt = now;
        run.queuedAt = now;
        return run;
    }

    /**
     * Changes the status as {@code transition} says, or refuses with {@link RunTransition.NotAllowed}
     * (the run unchanged). A new attempt forgets the last worker's state; a final status records why.
     */
    public void apply(RunTransition transition, String reason) {
        if (!transition.allowedFrom(status)) {
            throw new RunTransition.NotAllowed(this, transition);
        }
        Instant now = Instant.now();
        status = transition.to();
        if (transition.newAttempt()) {
            attempt++;
            if (transition == RunTransition.RETRY) { // a user asks again: the run gets its attempts again
                failures = 0;
                losses = 0;
            }
            workerId = null;
            device = null;
            progress = null;
            error = null;
            cancelRequested = false;
            queuedAt = now;
            dispatchedAt = null; // the new attempt waits in the lab's queue again
            attemptSecret = null; // and the old one's worker can report nothing more
            startedAt = null;
            finishedAt = null;
            lastHeartbeatAt = null;
        } else if (transition == RunTransition.START) {
            progress = null;
            lastHeartbeatAt = now;
        } else {
            error = reason;
            progress = null;
            finishedAt = now;
        }
    }

    /** The lab hands this attempt to the workers: its request carries a new secret, which its events must echo. */
    public void handOut(Instant now) {
        dispatchedAt = now;
        attemptSecret = AttemptSecret.draw();
    }

    /** The run, locked for update until the transaction ends: events, watchdog and API take turns. */
    public static Run lockById(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * A run this transaction has read already, read again and locked. {@link #lockById} would only lock
     * it and keep the state read before, which another transaction may have changed since.
     */
    public static Run relock(Run run) {
        getEntityManager().refresh(run, LockModeType.PESSIMISTIC_WRITE);
        return run;
    }

    public static List<UUID> runningWithHeartbeatBefore(Instant cutoff) {
        return find("status = ?1 and lastHeartbeatAt < ?2", RunStatus.RUNNING, cutoff)
                .project(RunId.class)
                .list()
                .stream()
                .map(RunId::id)
                .toList();
    }

    /** Projection of a run's id. */
    public record RunId(UUID id) {}
}
