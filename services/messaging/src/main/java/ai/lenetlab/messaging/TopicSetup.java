package ai.lenetlab.messaging;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the topics with their partition counts when a service or worker starts, before anything
 * is published; whichever starts first creates them.
 */
@ApplicationScoped
public class TopicSetup {

    void onStart(
            @Observes StartupEvent event,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "lenetlab.kafka.replication-factor", defaultValue = "1") int replicationFactor,
            @ConfigProperty(name = "lenetlab.kafka.create-topics", defaultValue = "true") boolean createTopics) {
        if (createTopics) {
            TopicInitializer.ensureTopics(bootstrapServers, replicationFactor);
        }
    }
}
