package ai.lenetlab.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates LeNet Lab's topics with their partition counts where they are missing; existing topics
 * are left alone. Idempotent, so every service may call it at start-up.
 */
public final class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private TopicInitializer() {}

    /** Partitions cannot be taken away: a lab of an earlier version keeps its twelve until it is recreated. */
    private static void warnIfWider(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        int partitions = admin.describeTopics(List.of(Topics.RUN_REQUESTS))
                .allTopicNames()
                .get(60, TimeUnit.SECONDS)
                .get(Topics.RUN_REQUESTS)
                .partitions()
                .size();
        if (partitions > Topics.RUN_REQUEST_PARTITIONS) {
            LOG.warnf(
                    "%s has %d partitions (new labs: %d): while there are fewer workers than partitions, a "
                            + "request may wait for a busy worker while another is idle. Recreate the topic when "
                            + "no run is queued (deploy/README.md, \"Upgrading\")",
                    Topics.RUN_REQUESTS, partitions, Topics.RUN_REQUEST_PARTITIONS);
        }
    }

    /** @param kafka the clients' settings: bootstrap servers, security protocol, SASL login */
    public static void ensureTopics(Map<String, Object> kafka, int replicationFactor) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        Object bootstrapServers = config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            if (existing.contains(Topics.RUN_REQUESTS)) {
                warnIfWider(admin);
            }
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) replicationFactor)
                            .configs(spec.configs()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // another service was quicker
                    throw e;
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the Kafka topics at " + bootstrapServers + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the Kafka topics", e);
        }
    }
}
