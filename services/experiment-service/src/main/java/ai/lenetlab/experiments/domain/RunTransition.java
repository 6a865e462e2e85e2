package ai.lenetlab.experiments.domain;

import ai.lenetlab.contracts.api.RunStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every way a run's status may change, and from where: the one place that says which changes are
 * allowed ({@link Run#apply}). A new attempt means the run goes to the workers again, with a new
 * attempt number, so that events of the old one are recognised as stale.
 *
 * <pre>
 *            START            COMPLETE | FAIL | CANCEL | PRUNE
 *   QUEUED ────────▶ RUNNING ─────────────────────────────────▶ COMPLETED | FAILED | CANCELLED | PRUNED
 *     ▲  │                │                                         │
 *     │  └─ COMPLETE | FAIL | CANCEL (before the worker said STARTED) │
 *     └──── REQUEUE (new attempt: released, lost, failed) ◀─┘        │
 *     └──── RETRY (new attempt) ◀────────────────────────────────────┘
 * </pre>
 */
public enum RunTransition {

    /** A worker took it. */
    START(EnumSet.of(RunStatus.QUEUED), RunStatus.RUNNING, false),
    /** The worker reported results. */
    COMPLETE(EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING), RunStatus.COMPLETED, false),
    /** Too many of its attempts failed, or it lost too many workers in a row (RunLifecycle decides). */
    FAIL(EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING), RunStatus.FAILED, false),
    /** Cancelled before it started, or its worker stopped it on request. */
    CANCEL(EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING), RunStatus.CANCELLED, false),
    /** A sweep's early stopping judged its trial a loser: it ends at the epoch it reached. */
    PRUNE(EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING), RunStatus.PRUNED, false),
    /** Its worker gave it back, went silent, or reported a failure the run may retry: the workers get it again. */
    REQUEUE(EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING), RunStatus.QUEUED, true),
    /** A user asks for a finished run to be trained again. */
    RETRY(
            EnumSet.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.PRUNED),
            RunStatus.QUEUED,
            true);

    private final Set<RunStatus> from;
    private final RunStatus to;
    private final boolean newAttempt;

    RunTransition(Set<RunStatus> from, RunStatus to, boolean newAttempt) {
        this.from = from;
        this.to = to;
        this.newAttempt = newAttempt;
    }

    public boolean allowedFrom(RunStatus status) {
        return from.contains(status);
    }

    public RunStatus to() {
        return to;
    }

    public boolean newAttempt() {
        return newAttempt;
    }

    /** A change the run's status does not allow; the API answers it with 409. */
    public static final class NotAllowed extends RuntimeException {
        private final transient Run run;
        private final RunTransition transition;

        NotAllowed(Run run, RunTransition transition) {
            super("run " + run.id + " is " + run.status + ": it cannot "
                    + transition.name().toLowerCase(java.util.Locale.ROOT) + " (allowed from " + transition.from + ")");
            this.run = run;
            this.transition = transition;
        }

        public RunStatus status() {
            return run.status;
        }

        public RunTransition transition() {
            return transition;
        }
    }
}
