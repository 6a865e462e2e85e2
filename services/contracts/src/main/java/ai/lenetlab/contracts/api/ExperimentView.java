package ai.lenetlab.contracts.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An experiment with its runs, and how many runs are in each status. */
public record ExperimentView(
        UUID id,
        String name,
        String description,
        Instant createdAt,
        Map<RunStatus, Long> statusCounts,
        List<RunSummary> runs) {}
