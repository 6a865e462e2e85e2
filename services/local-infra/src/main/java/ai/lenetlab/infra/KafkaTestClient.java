package ai.lenetlab.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: publish raw records, read a topic from the start. */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;
    private final KafkaProducer<String, byte[]> rawProducer;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 17 * 1024 * 1024);
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
    public ConsumerRecord<String, String> await(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                Duration timeout) {
        List<ConsumerRecord<String, String>> found = awaitAll(topic, match, 1, timeout);
        return found.get(0);
    }

    /** Reads {@code topic} from the beginning until {@code count} records match. */
    public List<ConsumerRecord<String, String>> awaitAll(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                         int count, Duration timeout) {
        return readUntil(topic, match, found -> found.size() >= count, timeout);
    }

    /**
     * Reads {@code topic} from the beginning, collecting the records that {@code match}, until the
     * collected ones satisfy {@code done}.
     */
    public List<ConsumerRecord<String, String>> readUntil(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                          Predicate<List<ConsumerRecord<String, String>>> done,
                                                          Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 17 * 1024 * 1024),
                new StringDeserializer(), new StringDeserializer())) {
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
                + found.size() + " matching: " + found.stream().map(ConsumerRecord::value).toList());
    }

    @Override
    public void close() {
        producer.close();
        rawProducer.close();
    }
}
