package ai.lenetlab.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: publish raw records, read a topic from the start. */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private final Map<String, Object> login;
    private final KafkaProducer<String, String> producer;
    private final KafkaProducer<String, byte[]> rawProducer;

    public KafkaTestClient(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** @param login security settings of every client (security.protocol, sasl.*), e.g. the admin's */
    public KafkaTestClient(String bootstrapServers, Map<String, Object> login) {
        this.bootstrapServers = bootstrapServers;
        this.login = Map.copyOf(login);
        Map<String, Object> config = with(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                17 * 1024 * 1024));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    public void sendBytes(String topic, String key, byte[] value) {
        try {
            rawProducer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    /** Reads {@code topic} from the beginning until a record matches, or fails after {@code timeout}. */
    public ConsumerRecord<String, String> await(
            String topic, Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        List<ConsumerRecord<String, String>> found = awaitAll(topic, match, 1, timeout);
        return found.get(0);
    }

    /** Reads {@code topic} from the beginning until {@code count} records match. */
    public List<ConsumerRecord<String, String>> awaitAll(
            String topic, Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
        return readUntil(topic, match, found -> found.size() >= count, timeout);
    }

    /**
     * Reads {@code topic} from the beginning, collecting the records that {@code match}, until the
     * collected ones satisfy {@code done}.
     */
    public List<ConsumerRecord<String, String>> readUntil(
            String topic,
            Predicate<ConsumerRecord<String, String>> match,
            Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(r)) {
                        found.add(r);
                    }
                }
                if (done.test(found)) {
                    return found;
                }
            }
        }
        throw new AssertionError("the records on " + topic + " did not arrive within " + timeout + "; found "
                + found.size() + " matching: "
                + found.stream().map(ConsumerRecord::value).toList());
    }

    /**
     * Waits until consumer group {@code group} has committed every record now on {@code topic}, or share
     * group {@code group} has acknowledged them all (nothing left for it to handle), then returns the records of {@code readTopic} that {@code match}, read to
     * its end: what a test needs to see that something did <em>not</em> happen, without a sleep.
     */
    public List<ConsumerRecord<String, String>> afterConsumed(
            String group,
            String topic,
            String readTopic,
            Predicate<ConsumerRecord<String, String>> match,
            Duration timeout) {
        try (Admin admin = Admin.create(with(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)));
                KafkaConsumer<String, String> consumer = consumer()) {
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Long> ends = endOffsets(consumer, topic);
            while (!committedUpTo(admin, group, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(group + " did not consume " + topic + " within " + timeout);
                }
                Thread.sleep(100);
            }
            Map<TopicPartition, Long> readEnds = endOffsets(consumer, readTopic);
            consumer.assign(readEnds.keySet());
            consumer.seekToBeginning(readEnds.keySet());
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            while (readEnds.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + readTopic + " to its end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        found.add(r);
                    }
                });
            }
            return found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.endOffsets(consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList());
    }

    private static boolean committedUpTo(Admin admin, String group, Map<TopicPartition, Long> ends)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> done =
                isShareGroup(admin, group) ? shareStartOffsets(admin, group) : committedOffsets(admin, group);
        return ends.entrySet().stream()
                .allMatch(e ->
                        e.getValue() == 0 || (done.get(e.getKey()) != null && done.get(e.getKey()) >= e.getValue()));
    }

    private static Map<TopicPartition, Long> committedOffsets(Admin admin, String group)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get()
                .forEach((partition, offset) -> {
                    if (offset != null) {
                        offsets.put(partition, offset.offset());
                    }
                });
        return offsets;
    }

    private static boolean isShareGroup(Admin admin, String group) throws ExecutionException, InterruptedException {
        return admin.listGroups().all().get().stream()
                .filter(g -> g.groupId().equals(group))
                .map(GroupListing::type)
                .anyMatch(type -> type.equals(Optional.of(GroupType.SHARE)));
    }

    /**
     * How far a share group has acknowledged (or archived) every record: to the end where its lag is 0
     * (its start offset is stored lazily and may trail), else its start offset.
     */
    private static Map<TopicPartition, Long> shareStartOffsets(Admin admin, String group)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        Map<TopicPartition, SharePartitionOffsetInfo> info = admin.listShareGroupOffsets(
                        Map.of(group, new ListShareGroupOffsetsSpec()))
                .partitionsToOffsetInfo(group)
                .get();
        info.forEach((partition, offset) -> {
            if (offset != null) {
                offsets.put(
                        partition,
                        offset.lag().filter(lag -> lag == 0).isPresent() ? Long.MAX_VALUE : offset.startOffset());
            }
        });
        return offsets;
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(
                with(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        17 * 1024 * 1024)),
                new StringDeserializer(),
                new StringDeserializer());
    }

    private Map<String, Object> with(Map<String, Object> config) {
        Map<String, Object> all = new java.util.HashMap<>(config);
        all.putAll(login);
        return all;
    }

    @Override
    public void close() {
        producer.close();
        rawProducer.close();
    }
}
