package ai.lenetlab.experiments.domain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.infra.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrades of a database that holds data, in a schema of its own on the real PostgreSQL: the
 * migrations before a version build the old schema, rows go in, the rest of the migrations run. Its
 * connections are its own, never the service's pool (a search path left on a pooled connection
 * would send other tests' queries to this schema).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class MigrationsTest {

    private static final String SCHEMA = "upgrade_check";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void aSweepRunningAtTheUpgradeKeepsTheJudgementsItsTrialsHadHad() throws SQLException {
        migrate("7");
        try (Connection c = connect();
                Statement sql = c.createStatement()) {
            sql.execute("set search_path to " + SCHEMA);
            sql.execute("insert into experiment (id, name, created_at) values"
                    + " ('00000000-0000-0000-0000-000000000001', 'sweep', now())");
            sql.execute("insert into sweep (id, experiment_id, name, spec, status, created_at) values"
                    + " ('00000000-0000-0000-0000-0000000000aa', '00000000-0000-0000-0000-000000000001',"
                    + " 'sweep', '{}', 'RUNNING', now())");
            sql.execute("insert into sweep_trial (sweep_id, trial, trial_values) values"
                    + " ('00000000-0000-0000-0000-0000000000aa', 0, '{}'),"
                    + " ('00000000-0000-0000-0000-0000000000aa', 1, '{}')");
            // trial 0: one run at epoch 2, one re-queued (attempt 2) that had reached 3 before and 1 now
            run(sql, "b1", 1, 1, 0);
            run(sql, "b2", 2, 2, 0);
            epochs(sql, "b1", 1, 2);
            epochs(sql, "b2", 1, 3);
            epochs(sql, "b2", 2, 1);
            run(sql, "b3", 3, 1, 1); // trial 1: queued, no epoch yet
        }

        migrate(null);

        Map<Integer, Integer> judged = new LinkedHashMap<>();
        try (Connection c = connect();
                Statement sql = c.createStatement();
                ResultSet rows =
                        sql.executeQuery("select trial, judged_epoch from " + SCHEMA + ".sweep_trial order by trial")) {
            while (rows.next()) {
                judged.put(rows.getInt(1), rows.getInt(2));
            }
        }
        assertThat(judged).containsExactly(Map.entry(0, 2), Map.entry(1, 0));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Rebuilds the schema up to {@code version} (null: all migrations). */
    private void migrate(String version) {
        var config = Flyway.configure()
                .dataSource(url, user, password)
                .schemas(SCHEMA)
                .locations("classpath:db/migration")
                .cleanDisabled(false);
        if (version != null) {
            Flyway flyway = config.target(version).load();
            flyway.clean();
            flyway.migrate();
        } else {
            config.load().migrate();
        }
    }

    private static void run(Statement sql, String id, int ordinal, int attempt, int trial) throws SQLException {
        sql.execute("insert into run (id, experiment_id, ordinal, seed, config, status, attempt, created_at,"
                + " sweep_id, trial) values ('00000000-0000-0000-0000-0000000000" + id + "',"
                + " '00000000-0000-0000-0000-000000000001', " + ordinal + ", 1, '{}', 'RUNNING', " + attempt
                + ", now(), '00000000-0000-0000-0000-0000000000aa', " + trial + ")");
    }

    private static void epochs(Statement sql, String run, int attempt, int count) throws SQLException {
        for (int epoch = 1; epoch <= count; epoch++) {
            sql.execute("insert into epoch_metric values ('00000000-0000-0000-0000-0000000000" + run + "', " + attempt
                    + ", " + epoch + ", 0.5, 0.8, 0.5, 0.8, 0.01, 1, 1000)");
        }
    }
}
