package ai.lenetlab.messaging;

import ai.lenetlab.contracts.RunConfig;
import java.time.Instant;
import java.util.UUID;

/**
 * "Train this run": published by the experiment service, one per attempt, keyed by run id.
 *
 * @param attempt 1 for the first try; the service raises it when it re-queues or retries a run,
 *     and ignores events of any other attempt
 * @param attemptSecret a random secret of this attempt, known only to the service and the workers that
 *     read this request: the worker echoes it in every event of the attempt, and the service ignores
 *     events of the attempt that do not carry it (see {@link RunEvent#attemptSecret()})
 */
public record RunRequest(
        int schemaVersion, UUID runId, int attempt, String attemptSecret, RunConfig config, Instant requestedAt) {

    public static RunRequest of(UUID runId, int attempt, String attemptSecret, RunConfig config) {
        return new RunRequest(MessageCodec.SCHEMA_VERSION, runId, attempt, attemptSecret, config, Instant.now());
    }

    /** Never the secret: requests may end up in log lines. */
    @Override
    public String toString() {
        return "RunRequest[runId=" + runId + ", attempt=" + attempt + ", config=" + config + "]";
    }
}
