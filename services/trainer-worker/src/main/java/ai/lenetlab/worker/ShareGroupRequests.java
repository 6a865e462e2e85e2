package ai.lenetlab.worker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Takes records of a topic one at a time as a member of a Kafka share group (KIP-932): any member
 * that asks gets the next available record, however many partitions the topic has. Each record is
 * handled on this class's own platform thread (not a pool that Vert.x watches: a handler may train
 * for minutes) and acknowledged explicitly: ACCEPT, RELEASE (another member gets it at once) or
 * REJECT (never delivered again). No poll asks for another record while one is handled, yet at load
 * 45 with 14 members the client's background fetch was seen acquiring one anyway (BENCHMARKS.md,
 * "Real workers on this machine"): its lock runs out and the broker gives it to another member; the
 * service stops the second copy of an attempt.
 */
final class ShareGroupRequests implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ShareGroupRequests.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration COMMIT = Duration.ofSeconds(30);

    /** Client settings a share consumer refuses (a consumer group's): dropped from the shared Kafka config. */
    private static final List<String> NOT_FOR_SHARE_CONSUMERS = List.of(
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
            ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
            ConsumerConfig.GROUP_PROTOCOL_CONFIG,
            ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);

    /** What to do with one record. */
    interface Handler {
        /**
         * @param acceptNow acknowledges the record (ACCEPT) at once, before the handler returns: what it
         *     started is now its own; the answer it returns afterwards is ignored
         * @return how to acknowledge the record, if {@code acceptNow} was not called
         */
        AcknowledgeType handle(ConsumerRecord<String, String> record, Runnable acceptNow);
    }

    private final KafkaShareConsumer<String, String> consumer;
    private final String topic;
    private final Handler handler;
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param kafka the client settings every Kafka client of this process uses (bootstrap servers,
     *     security); the share consumer's own settings are added here
     */
    ShareGroupRequests(Map<String, Object> kafka, String topic, String group, String clientId, Handler handler) {
        Map<String, Object> config = new HashMap<>(kafka);
        NOT_FOR_SHARE_CONSUMERS.forEach(config::remove);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        // one record acquired at a time: a member that is busy holds nothing another could take
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        config.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
        this.consumer = new KafkaShareConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.topic = topic;
        this.handler = handler;
        this.thread = Thread.ofPlatform().name("run-requests").daemon().unstarted(this::run);
    }

    ShareGroupRequests start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (!stopping) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    handle(record);
                }
            }
        } catch (RuntimeException | Error e) { // nothing should get here; said loudly if it does
            LOG.errorf(e, "the share consumer of %s stopped", topic);
        } finally {
            consumer.close(); // what it still holds goes back to the group
        }
    }

    private void handle(ConsumerRecord<String, String> record) {
        boolean[] accepted = {false};
        AcknowledgeType answer;
        try {
            answer = handler.handle(record, () -> {
                if (!accepted[0]) {
                    accepted[0] = true;
                    acknowledge(record, AcknowledgeType.ACCEPT);
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "handling %s-%d@%d failed; released", record.topic(), record.partition(), record.offset());
            answer = AcknowledgeType.RELEASE;
        }
        if (!accepted[0]) {
            acknowledge(record, answer == null ? AcknowledgeType.RELEASE : answer);
        }
    }

    /** Acknowledges and commits at once: the next record is not fetched before the handler is done. */
    private void acknowledge(ConsumerRecord<String, String> record, AcknowledgeType type) {
        try {
            consumer.acknowledge(record, type);
            Map<TopicIdPartition, Optional<KafkaException>> result = consumer.commitSync(COMMIT);
            result.values().stream()
                    .flatMap(Optional::stream)
                    .forEach(e -> LOG.warnf(
                            "%s of %s-%d@%d not taken by the broker (%s): the record may be delivered again",
                            type, record.topic(), record.partition(), record.offset(), e.toString()));
        } catch (KafkaException e) {
            LOG.warnf(
                    "%s of %s-%d@%d failed (%s): the record may be delivered again",
                    type, record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    /** Takes no record after the one being handled (if any); returns at once. */
    void stopTaking() {
        stopping = true;
    }

    /** Stops taking records; one being handled is finished first. Waits up to {@code timeout}. */
    @Override
    public void close() {
        close(COMMIT);
    }

    void close(Duration timeout) {
        stopTaking();
        try {
            thread.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
