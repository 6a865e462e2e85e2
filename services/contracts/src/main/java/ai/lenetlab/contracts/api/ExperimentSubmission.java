package ai.lenetlab.contracts.api;

import ai.lenetlab.contracts.RunConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/experiments}: a name and run specs. Each spec is a preset with optional
 * overrides, or a full config; each yields one run per seed.
 *
 * <pre>{"name":"adam vs sgd","runs":[{"preset":"model-2","overrides":{"epochs":1},"seeds":[1,2,3]},
 *  {"config":{…full config…}}]}</pre>
 */
public record ExperimentSubmission(String name, String description, List<RunSpec> runs) {

    /**
     * @param preset a preset id; or leave out and give {@code config}
     * @param overrides config fields to change, by name (only with a preset)
     * @param config a full run configuration
     * @param seeds one run per seed; default: the config's own seed
     */
    public record RunSpec(String preset, Map<String, Object> overrides, RunConfig config, List<Long> seeds) {}
}
