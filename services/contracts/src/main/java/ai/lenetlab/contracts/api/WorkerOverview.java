package ai.lenetlab.contracts.api;

import java.util.List;
import java.util.Map;

/**
 * The workers the lab knows, and the runs that wait for one.
 *
 * @param workers by id
 * @param runsWaiting QUEUED runs per device class they ask for ({@code any} today: runs do not ask yet)
 */
public record WorkerOverview(List<WorkerView> workers, Map<String, Long> runsWaiting) {}
