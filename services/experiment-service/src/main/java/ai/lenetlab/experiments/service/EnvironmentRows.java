package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.RunEnvironment;
import ai.lenetlab.contracts.api.CompareView.ConfigField;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.RunResultRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Compare's config-table rows for what the runs trained on ({@code environment.labCommit}, {@code
 * environment.cpu}, …), so that "why do these two differ?" includes the machine. None when no run
 * recorded an environment; a run without one shows null.
 */
final class EnvironmentRows {

    static final String PREFIX = "environment.";

    private EnvironmentRows() {}

    static List<ConfigField> of(List<Run> runs) {
        Map<UUID, RunEnvironment> environments = environments(runs);
        Map<UUID, Map<String, Object>> rows = new HashMap<>();
        Set<String> names = new LinkedHashSet<>();
        environments.forEach((run, environment) -> {
            Map<String, Object> values = environment.rows();
            rows.put(run, values);
            names.addAll(values.keySet());
        });
        List<ConfigField> fields = new ArrayList<>();
        for (String name : names) {
            List<Object> values = runs.stream()
                    .map(r -> rows.getOrDefault(r.id, Map.of()).get(name))
                    .toList();
            fields.add(new ConfigField(
                    PREFIX + name, values, values.stream().distinct().count() > 1));
        }
        return fields;
    }

    /** Only the environment column: a result row also holds every test image's prediction. */
    private static Map<UUID, RunEnvironment> environments(List<Run> runs) {
        Map<UUID, RunEnvironment> found = new HashMap<>();
        List<UUID> ids = runs.stream().map(r -> r.id).toList();
        RunResultRow.getEntityManager()
                .createQuery(
                        "select r.runId, r.environment from RunResultRow r where r.runId in :ids"
                                + " and r.environment is not null",
                        Object[].class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(row -> found.put((UUID) row[0], (RunEnvironment) row[1]));
        return found;
    }
}
