package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.api.RunAttempt;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.RunAttemptRow;
import ai.lenetlab.experiments.domain.RunTransition;
import ai.lenetlab.experiments.messaging.RunDispatcher;
import ai.lenetlab.experiments.messaging.RunUpdates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where a run's status changes, and the only place: the users' requests (RunService), the workers'
 * events (events.RunEventHandler) and the heartbeat watchdog all come here. Each change is checked
 * by {@link Run#apply} against {@link RunTransition}, then the workers hear what they must (a request,
 * a cancellation, "drop that attempt") and every open page gets the run's new summary. Call within
 * the transaction that holds the run's lock ({@link Run#lockById}).
 */
@ApplicationScoped
public class RunLifecycle {

    private static final Logger LOG = Logger.getLogger(RunLifecycle.class);

    private final RunDispatcher dispatcher;
    private final RunUpdates updates;
    private final int maxAttempts;
    private final int maxLosses;
    private final Event<SweepRunChanged> sweepEvents;
    private final RunQueue queue;
    private final AfterCommit afterCommit;

    RunLifecycle(
            RunDispatcher dispatcher,
            RunUpdates updates,
            @ConfigProperty(name = "lenetlab.runs.max-attempts") int maxAttempts,
            @ConfigProperty(name = "lenetlab.runs.max-losses") int maxLosses,
            Event<SweepRunChanged> sweepEvents,
            RunQueue queue,
            AfterCommit afterCommit) {
        this.dispatcher = dispatcher;
        this.updates = updates;
        this.maxAttempts = maxAttempts;
        this.maxLosses = maxLosses;
        this.sweepEvents = sweepEvents;
        this.queue = queue;
        this.afterCommit = afterCommit;
    }

    /** New runs, stored as QUEUED: they wait in the lab's queue, which hands them to the workers ({@link RunQueue}). */
    public void queued(List<Run> runs) {
        queue.changedAfterCommit();
    }

    /** What a worker says when it takes a run. */
    public record Start(String workerId, String device, Long parameters, List<LayerInfo> layers, Instant at) {}

    /**
     * A worker took the run. A cancelled run is cancelled again for that worker; a second worker
     * given the same attempt (a consumer-group rebalance) is told to stop, the first keeps it.
     */
    public void started(Run run, Start start) {
        if (run.status == RunStatus.CANCELLED || run.status == RunStatus.PRUNED) {
            dispatcher.requestCancel(run); // it ended before this worker heard of it
        } else if (run.status.isFinal()) {
            return;
        } else if (run.status == RunStatus.RUNNING && !start.workerId().equals(run.workerId)) {
            LOG.infof(
                    "attempt %d of run %s was delivered to %s as well; %s keeps it",
                    run.attempt, run.id, start.workerId(), run.workerId);
            dispatcher.stopDuplicate(run, start.workerId());
        } else {
            if (run.status == RunStatus.RUNNING) {
                run.lastHeartbeatAt = Instant.now(); // its own STARTED again (a redelivery)
            } else {
                run.apply(RunTransition.START, null);
                run.workerId = start.workerId();
                run.device = start.device();
                run.parameters = start.parameters();
                run.layers = start.layers();
                run.startedAt = start.at();
                RunAttemptRow.started(run);
            }
            if (run.cancelRequested) {
                dispatcher.requestCancel(run);
            }
            queue.changedAfterCommit(); // a handed-out run left Kafka: a slot for the next
        }
        changed(run, null);
    }

    /** The worker ended the run: COMPLETE (its results are stored by then), FAIL or CANCEL. */
    public void ended(Run run, RunTransition end, String reason) {
        RunAttemptRow.ended(
                run,
                switch (end) {
                    case COMPLETE -> RunAttempt.Ended.COMPLETED;
                    case CANCEL -> RunAttempt.Ended.CANCELLED;
                    default -> RunAttempt.Ended.FAILED;
                });
        run.apply(end, reason);
        queue.changedAfterCommit();
        changed(run, null);
    }

    /**
     * A sweep's early stopping ends the run where it is (PRUNED); its worker is told to stop, which it
     * does within a batch, and nothing it sends for the run counts any more.
     */
    public void prune(Run run, String reason) {
        RunAttemptRow.ended(run, RunAttempt.Ended.PRUNED);
        run.apply(RunTransition.PRUNE, reason);
        dispatcher.requestCancel(run);
        queue.changedAfterCommit();
        changed(run, null);
    }

    /** A user cancels: a queued run ends at once, a running one when its worker confirms (within a batch). */
    public void cancel(Run run) {
        run.cancelRequested = true;
        if (run.status == RunStatus.QUEUED) {
            run.apply(RunTransition.CANCEL, "cancelled before it started");
            queue.changedAfterCommit();
        }
        dispatcher.requestCancel(run);
        changed(run, null);
    }

    /** A user asks for a finished run to be trained again, as a new attempt. */
    public void retry(Run run) {
        run.apply(RunTransition.RETRY, null);
        queue.changedAfterCommit();
        changed(run, null);
    }

    /**
     * Its worker handed the run back (it shuts down: a deploy, a scale-in, a drain): a new attempt for
     * the workers at once, and none used up.
     */
    public void released(Run run, String reason) {
        run.losses = 0; // the worker lived to hand it back: this run did not kill it
        RunAttemptRow.ended(run, RunAttempt.Ended.RELEASED);
        requeue(run, reason);
    }

    /**
     * Its worker went silent (killed, frozen, cut off, or the broker was away): a new attempt, none used
     * up. Only a run that loses {@code lenetlab.runs.max-losses} workers in a row ends FAILED: one that
     * crashes every worker's JVM looks like lost workers. A silent worker may only be cut off and come
     * back: it is told to drop the old attempt.
     */
    public void lost(Run run, String reason) {
        run.losses++;
        RunAttemptRow.ended(run, RunAttempt.Ended.LOST); // first: the attempt's end records it lost, not failed
        if (run.losses >= maxLosses) {
            giveUp(run, reason + " (lost its worker " + run.losses + " times in a row)");
            return;
        }
        if (run.workerId != null) {
            dispatcher.stopDuplicate(run, run.workerId);
        }
        requeue(run, reason);
    }

    /**
     * The run failed on its worker (the trainer threw, it diverged, its data is bad): tried again until
     * {@code lenetlab.runs.max-attempts} of its attempts have failed, then FAILED with the reason.
     */
    public void failed(Run run, String reason) {
        run.failures++;
        run.losses = 0;
        RunAttemptRow.ended(run, RunAttempt.Ended.FAILED);
        if (run.failures < maxAttempts) {
            requeue(run, reason);
        } else if (run.failures == run.attempt) {
            giveUp(run, reason + " (after " + run.attempt + " attempts)");
        } else {
            giveUp(run, reason + " (after " + run.attempt + " attempts, " + run.failures + " of them failed)");
        }
    }

    private void requeue(Run run, String reason) {
        LOG.infof("run %s re-queued as attempt %d: %s", run.id, run.attempt + 1, reason);
        run.apply(RunTransition.REQUEUE, null);
        queue.changedAfterCommit();
        changed(run, null);
    }

    private void giveUp(Run run, String error) {
        LOG.warnf("run %s failed: %s", run.id, error);
        ended(run, RunTransition.FAIL, error);
    }

    /**
     * Shows the run as it is now on every open page, with its newest epoch when one just ended; a
     * sweep's run also wakes its sweep (new trials, early stopping) once this transaction commits.
     */
    public void changed(Run run, EpochMetrics newestEpoch) {
        // after the commit: a page that refetches on the news must find it in the database
        RunSummary summary = RunViews.summary(run, newestEpoch);
        afterCommit.run(() -> updates.publish(summary));
        if (run.sweepId != null) {
            sweepEvents.fire(new SweepRunChanged(run.sweepId));
        }
    }

    /** A run of a sweep changed: its sweep may have a decision to make. */
    public record SweepRunChanged(UUID sweepId) {}
}
