package ai.lenetlab.messaging;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the topics with their partition counts when a service or worker starts, before anything
 * is published; whichever starts first creates them. Connects as the channels do: with every
 * {@code kafka.*} setting (bootstrap servers, security protocol, SASL), which Quarkus collects in the
 * {@code default-kafka-broker} map.
 */
@ApplicationScoped
public class TopicSetup {

    void onStart(
            @Observes StartupEvent event,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "lenetlab.kafka.replication-factor", defaultValue = "1") int replicationFactor,
            @ConfigProperty(name = "lenetlab.kafka.create-topics", defaultValue = "true") boolean createTopics) {
        if (createTopics) {
            TopicInitializer.ensureTopics(kafka, replicationFactor);
        }
    }
}
