package ai.lenetlab.worker;

import ai.lenetlab.messaging.TopicInitializer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A worker may start before the service: it creates the topics too (idempotent). */
@ApplicationScoped
class TopicSetup {

    void onStart(@Observes StartupEvent event,
                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                 @ConfigProperty(name = "lenetlab.kafka.replication-factor") int replicationFactor) {
        TopicInitializer.ensureTopics(bootstrapServers, replicationFactor);
    }
}
