package ai.lenetlab.infra;

import java.util.HashMap;
import java.util.Map;

/**
 * For {@code @QuarkusTestResource}: a real Kafka broker and a real PostgreSQL for the test run,
 * wired into the application's config. Dev Services stay off: they need Docker.
 */
public class KafkaAndPostgresResource extends KafkaResource {

    private PostgresServer postgres;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        postgres = PostgresServer.start();
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", "postgres");
        return config;
    }

    @Override
    public void stop() {
        super.stop();
        if (postgres != null) {
            postgres.close();
        }
    }
}
