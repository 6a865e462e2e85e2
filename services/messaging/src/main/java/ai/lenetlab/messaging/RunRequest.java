package ai.lenetlab.messaging;

import ai.lenetlab.contracts.RunConfig;
import java.time.Instant;
import java.util.UUID;

/**
 * "Train this run": published by the experiment service, one per attempt, keyed by run id.
 *
 * @param attempt 1 for the first try; the service raises it when it re-queues or retries a run,
 *     and ignores events of any other attempt
 */
public record RunRequest(int schemaVersion, UUID runId, int attempt, RunConfig config, Instant requestedAt) {

    public static RunRequest of(UUID runId, int attempt, RunConfig config) {
        return new RunRequest(MessageCodec.SCHEMA_VERSION, runId, attempt, config, Instant.now());
    }
}
