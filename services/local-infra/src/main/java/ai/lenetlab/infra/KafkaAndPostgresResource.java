package ai.lenetlab.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * For {@code @QuarkusTestResource}: a real Kafka broker and a real PostgreSQL for the test run,
 * wired into the application's config. Dev Services stay off: they need Docker.
 */
public class KafkaAndPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker kafka;
    private PostgresServer postgres;
    private Path kafkaDir;

    /** The broker of the running test, e.g. to restart it or to publish raw messages. */
    public static KafkaBroker kafka() {
        return kafka;
    }

    @Override
    public Map<String, String> start() {
        try {
            kafkaDir = Files.createTempDirectory("lenetlab-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka = KafkaBroker.start(kafkaDir);
        postgres = PostgresServer.start();
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
