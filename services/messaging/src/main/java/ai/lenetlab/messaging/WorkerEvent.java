package ai.lenetlab.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A worker's announcement of itself on the events topic, keyed by worker id: sent when it is ready,
 * whenever its state changes, every heartbeat interval, and when it shuts down. Services older than
 * this message read its type as an unknown {@link RunEventType} and dead-letter it.
 *
 * @param type always {@link #TYPE}: what tells it from a {@link RunEvent} on the same topic
 * @param device what the worker trains on: {@code cpu} or {@code gpu}
 * @param threads the intra-op threads it trains with
 * @param runId the run it trains (state {@code training}, or {@code draining} until the run is handed
 *     back), else null
 * @param epoch the epoch it trains now (from 1), with the run's {@code epochs}; null before the first
 * @param runsDone runs that ended on this worker since it started
 * @param startedAt when the worker process started
 * @param at when it was sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerEvent(
        int schemaVersion,
        String type,
        String workerId,
        String host,
        String device,
        int threads,
        State state,
        UUID runId,
        Integer epoch,
        Integer epochs,
        int runsDone,
        Instant startedAt,
        Instant at)
        implements EventMessage {

    public static final String TYPE = "WORKER";

    /** What a worker says it does. */
    public enum State {
        /** Ready, waiting for a run request. */
        @JsonProperty("idle")
        IDLE,
        /** Training {@code runId}. */
        @JsonProperty("training")
        TRAINING,
        /** Shutting down: takes no new request, hands back the one in hand. */
        @JsonProperty("draining")
        DRAINING,
        /** Stopped: the last message of a worker that shut down cleanly. */
        @JsonProperty("gone")
        GONE
    }

    /** Who a worker is: what every one of its announcements repeats. */
    public record Identity(String workerId, String host, String device, int threads, Instant startedAt) {}

    public static WorkerEvent of(
            Identity worker, State state, UUID runId, Integer epoch, Integer epochs, int runsDone) {
        return new WorkerEvent(
                MessageCodec.SCHEMA_VERSION,
                TYPE,
                worker.workerId(),
                worker.host(),
                worker.device(),
                worker.threads(),
                state,
                runId,
                epoch,
                epochs,
                runsDone,
                worker.startedAt(),
                Instant.now());
    }
}
