package ai.lenetlab.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Finished runs with made-up epochs, written straight into the experiment service's tables: what the
 * benchmarks at scale compare and list (training hundreds of runs would take hours).
 */
public final class SyntheticRuns {

    /** As many runs as an experiment may hold. */
    private static final int PER_EXPERIMENT = 200;

    private SyntheticRuns() {}

    /**
     * {@code runs} completed model-2 runs of {@code epochs} epochs in experiments of at most 200: run
     * {@code g} has seed {@code g} and one of {@code configs} learning rates ({@code 0.001 · (1 + g mod
     * configs)}); test accuracy climbs from ~0.78 with a little noise. Returns the experiments' ids.
     *
     * @param config the runs' config as the service stores it (JSON), learning rate and seed replaced
     */
    public static List<UUID> insert(Connection c, String config, int runs, int epochs, int configs)
            throws SQLException {
        List<UUID> experiments = new ArrayList<>();
        for (int first = 1; first <= runs; first += PER_EXPERIMENT) {
            UUID experiment = UUID.randomUUID();
            experiments.add(experiment);
            try (PreparedStatement s =
                    c.prepareStatement("insert into experiment (id, name, created_at) values (?, ?, now())")) {
                s.setObject(1, experiment);
                s.setString(2, "synthetic runs");
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into run (id, experiment_id, ordinal, preset, seed, config, status, attempt,
                                     worker_id, device, created_at)
                    select gen_random_uuid(), ?, g, 'model-2', g,
                           jsonb_set(jsonb_set(?::jsonb, '{learningRate}', to_jsonb(0.001 * (1 + g % ?))),
                                     '{seed}', to_jsonb(g)),
                           'COMPLETED', 1, 'worker-1', 'cpu()', now()
                    from generate_series(?, ?) g""")) {
                s.setObject(1, experiment);
                s.setString(2, config);
                s.setInt(3, configs);
                s.setInt(4, first);
                s.setInt(5, Math.min(runs, first + PER_EXPERIMENT - 1));
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                insert into epoch_metric (run_id, attempt, epoch, train_loss, train_accuracy, test_loss,
                                          test_accuracy, learning_rate, seconds, examples_per_second)
                select r.id, 1, e, 1.0 / e, 0.8 + 0.005 * e, 1.1 / e,
                       0.78 + 0.005 * e + 0.0001 * (r.seed % ?) + random() * 0.01, 0.001, 4, 15000
                from run r, generate_series(1, ?) e
                where r.experiment_id = any(?)""")) {
            s.setInt(1, configs);
            s.setInt(2, epochs);
            s.setArray(3, c.createArrayOf("uuid", experiments.toArray()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("analyze")) {
            s.execute();
        }
        return experiments;
    }
}
