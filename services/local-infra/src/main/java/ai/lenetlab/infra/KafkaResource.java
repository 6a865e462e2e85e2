package ai.lenetlab.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** For {@code @QuarkusTestResource}: a real Kafka broker for the test run. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaBroker kafka;

    /** The broker of the running test. */
    public static KafkaBroker kafka() {
        return kafka;
    }

    @Override
    public Map<String, String> start() {
        try {
            kafka = KafkaBroker.start(Files.createTempDirectory("lenetlab-kafka"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
