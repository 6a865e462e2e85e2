package ai.lenetlab.contracts.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One attempt of a run that a worker took, as {@code GET /api/runs/{id}} lists them.
 *
 * @param worker the worker that took it
 * @param fromEpoch the first epoch it reported (null: none yet)
 * @param toEpoch the last epoch it reported (null: none yet)
 * @param ended how it ended; null while it runs
 */
public record RunAttempt(
        int attempt,
        String worker,
        Integer fromEpoch,
        Integer toEpoch,
        Ended ended,
        Instant startedAt,
        Instant endedAt) {

    /** How an attempt ended. Only {@code failed} uses up one of a run's attempts. */
    public enum Ended {
        /** Its worker handed it back (it shut down: a deploy, a scale-in). */
        @JsonProperty("released")
        RELEASED,
        /** Its worker went silent (killed, frozen, cut off). */
        @JsonProperty("lost")
        LOST,
        /** The run failed on its worker (the trainer threw, it diverged, its data is bad). */
        @JsonProperty("failed")
        FAILED,
        @JsonProperty("completed")
        COMPLETED,
        /** A user cancelled it. */
        @JsonProperty("cancelled")
        CANCELLED,
        /** A sweep's early stopping ended it. */
        @JsonProperty("pruned")
        PRUNED
    }
}
