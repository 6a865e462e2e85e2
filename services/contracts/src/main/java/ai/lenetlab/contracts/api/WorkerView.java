package ai.lenetlab.contracts.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A trainer worker as the lab sees it, from its announcements.
 *
 * @param device {@code cpu} or {@code gpu}
 * @param threads the intra-op threads it trains with
 * @param runId the run it trains (state training, or draining until the run is handed back)
 * @param epoch the epoch it trains now, of {@code epochs}; null before the run's first batch
 * @param lastHeartbeat when the lab last heard from it
 * @param runsDone runs that ended on it since it started
 * @param utilisation the fraction of the last hour (of its life, if shorter) that it spent training, 0–1
 * @param startedAt when the worker process started (its own clock)
 */
public record WorkerView(
        String id,
        String host,
        String device,
        int threads,
        WorkerState state,
        UUID runId,
        Integer epoch,
        Integer epochs,
        Instant lastHeartbeat,
        int runsDone,
        double utilisation,
        Instant startedAt) {}
