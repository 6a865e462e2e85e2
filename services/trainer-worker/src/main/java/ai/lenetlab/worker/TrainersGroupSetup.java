package ai.lenetlab.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.jboss.logging.Logger;

/**
 * Prepares the workers' share group before a worker joins it. A new share group starts at the end
 * of the topic by default, so requests sent before the first worker joined (a Kubernetes Job starts
 * because of them) would never be trained: it starts at the earliest instead. A lab that ran the
 * consumer group of earlier versions starts where that group stopped, not at the topic's start
 * (which would train every request still retained once more). Idempotent; every worker runs it.
 */
final class TrainersGroupSetup {

    private static final Logger LOG = Logger.getLogger(TrainersGroupSetup.class);

    /** The consumer group the workers formed before the share group. */
    static final String FORMER_CONSUMER_GROUP = "lenetlab-trainer-workers";

    private static final String AUTO_OFFSET_RESET = "share.auto.offset.reset";

    private TrainersGroupSetup() {}

    /**
     * The broker applies a group config a moment after the controller accepted it; a worker that
     * fetched in that moment would start the group at the end of the topic.
     */
    private static void awaitEarliest(Admin admin, ConfigResource resource) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            ConfigEntry entry = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource)
                    .get(AUTO_OFFSET_RESET);
            if (entry != null && "earliest".equals(entry.value())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(AUTO_OFFSET_RESET + " of " + resource.name() + " not applied within 30 s");
    }

    private static boolean begun(Admin admin, String group) throws Exception {
        try {
            Map<TopicPartition, SharePartitionOffsetInfo> offsets = admin.listShareGroupOffsets(
                            Map.of(group, new ListShareGroupOffsetsSpec()))
                    .partitionsToOffsetInfo(group)
                    .get(60, TimeUnit.SECONDS);
            return offsets.values().stream().anyMatch(o -> o != null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    static void prepare(Map<String, Object> kafka, String topic, String group) {
        try (Admin admin = Admin.create(kafka)) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.GROUP, group);
            admin.incrementalAlterConfigs(Map.of(
                            resource,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry(AUTO_OFFSET_RESET, "earliest"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get(60, TimeUnit.SECONDS);
            awaitEarliest(admin, resource);
            if (begun(admin, group)) {
                return; // the share group has begun: its own offsets count
            }
            Map<TopicPartition, Long> start = new HashMap<>();
            admin.listConsumerGroupOffsets(FORMER_CONSUMER_GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get(60, TimeUnit.SECONDS)
                    .forEach((partition, offset) -> {
                        if (offset != null && partition.topic().equals(topic)) {
                            start.put(partition, offset.offset());
                        }
                    });
            if (!start.isEmpty()) {
                admin.alterShareGroupOffsets(group, start).all().get(60, TimeUnit.SECONDS);
                LOG.infof(
                        "share group %s starts where consumer group %s stopped: %s",
                        group, FORMER_CONSUMER_GROUP, start);
            }
        } catch (Exception e) { // e.g. no AlterConfigs right on the group: a worker that may is needed once
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf(
                    "could not prepare share group %s (%s); it reads from the earliest request only if another "
                            + "worker or an admin set share.auto.offset.reset=earliest on it",
                    group, e.toString());
        }
    }
}
