package ai.lenetlab.worker;

import ai.lenetlab.messaging.WorkerEvent;
import ai.lenetlab.messaging.WorkerEvent.State;
import java.util.Objects;
import java.util.UUID;

/**
 * What this worker does now, as its announcements say it: idle, training a run (and which epoch),
 * draining, gone; and how many runs ended here. Each change says whether it changed anything, so
 * that only changes are announced at once (the heartbeat repeats the rest). Thread-safe.
 */
final class WorkerStatus {

    private State state = State.IDLE;
    private UUID runId;
    private Integer epoch;
    private Integer epochs;
    private int runsDone;

    synchronized boolean training(UUID run) {
        if (state == State.DRAINING || state == State.GONE) {
            return false; // a request taken while shutting down is released, not trained
        }
        state = State.TRAINING;
        runId = run;
        epoch = null;
        epochs = null;
        return true;
    }

    /** The run being trained reached {@code epoch} of {@code epochs}; false if that is no news. */
    synchronized boolean epoch(UUID run, int epoch, int epochs) {
        if (!run.equals(runId) || (Objects.equals(this.epoch, epoch) && Objects.equals(this.epochs, epochs))) {
            return false;
        }
        this.epoch = epoch;
        this.epochs = epochs;
        return true;
    }

    /** The run in hand ended, whichever way. */
    synchronized boolean runFinished() {
        runsDone++;
        runId = null;
        epoch = null;
        epochs = null;
        if (state == State.TRAINING) {
            state = State.IDLE;
        }
        return true;
    }

    /** Shutting down: the run in hand (if any) stays named until it is handed back. */
    synchronized boolean draining() {
        if (state == State.DRAINING || state == State.GONE) {
            return false;
        }
        state = State.DRAINING;
        return true;
    }

    synchronized boolean gone() {
        if (state == State.GONE) {
            return false;
        }
        state = State.GONE;
        runId = null;
        epoch = null;
        epochs = null;
        return true;
    }

    synchronized WorkerEvent announcement(WorkerEvent.Identity worker) {
        return WorkerEvent.of(worker, state, runId, epoch, epochs, runsDone);
    }
}
