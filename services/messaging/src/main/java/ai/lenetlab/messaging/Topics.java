package ai.lenetlab.messaging;

import java.util.List;
import java.util.Map;

/**
 * The Kafka topics of LeNet Lab and how they are laid out. Every message is JSON with a
 * {@code schemaVersion}, keyed by run id so that one run's messages stay in order.
 */
public final class Topics {

    /**
     * One message per run attempt, read by the workers as one share group ({@link #TRAINERS}): any
     * idle worker takes the next request, however many workers there are, in the order sent.
     */
    public static final String RUN_REQUESTS = "lenetlab.run-requests";
    /** The workers' share group (KIP-932) on {@link #RUN_REQUESTS}. */
    public static final String TRAINERS = "lenetlab-trainers";
    /** Everything workers report: started, progress, epochs, completed, failed, heartbeats. */
    public static final String RUN_EVENTS = "lenetlab.run-events";
    /** Cancellations; every worker reads all of them (a consumer group per worker). */
    public static final String RUN_CONTROL = "lenetlab.run-control";
    /** Messages that could not be read, with the reason in their headers. */
    public static final String DEAD_LETTER = "lenetlab.dead-letter";

    /**
     * One: the broker gives each partition of a share group's topic to a single member while the
     * members are fewer than the partitions, so with more partitions a request could wait for the
     * busy worker owning its partition while another idles. Every member shares the one partition.
     */
    public static final int RUN_REQUEST_PARTITIONS = 1;
    /** Completed events carry the trained model: allow large messages on the events topic. */
    public static final int MAX_EVENT_BYTES = 16 * 1024 * 1024;

    /** Name, partitions and topic configs, as created by {@link TopicInitializer}. */
    public record TopicSpec(String name, int partitions, Map<String, String> configs) {}

    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(RUN_REQUESTS, RUN_REQUEST_PARTITIONS, Map.of()),
            new TopicSpec(RUN_EVENTS, 6, Map.of("max.message.bytes", String.valueOf(MAX_EVENT_BYTES))),
            new TopicSpec(RUN_CONTROL, 1, Map.of()),
            new TopicSpec(DEAD_LETTER, 1, Map.of("max.message.bytes", String.valueOf(MAX_EVENT_BYTES))));

    private Topics() {}
}
