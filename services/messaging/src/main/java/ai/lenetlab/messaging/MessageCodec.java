package ai.lenetlab.messaging;

import ai.lenetlab.contracts.ConfigValidator;
import ai.lenetlab.contracts.ConfigViolation;
import ai.lenetlab.contracts.FashionMnistClasses;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON for the Kafka messages. Reading checks the schema version and the fields each message needs,
 * and throws {@link PoisonMessageException} (never anything else) for what it cannot use.
 */
public final class MessageCodec {

    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer minor fields are fine
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private MessageCodec() {}

    public static String encode(Object message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /**
     * Requests and cancellations are a few kilobytes; anything far larger is refused unread (an event
     * may carry a trained model: the topic's own 16 MiB limit bounds those).
     */
    public static final int MAX_REQUEST_CHARS = 64 * 1024;

    public static RunRequest decodeRequest(String json) {
        requireSize(json, "run request");
        RunRequest r = decode(json, RunRequest.class);
        require(r.runId() != null, "runId is missing");
        require(r.attempt() >= 1, "attempt must be at least 1");
        require(r.config() != null, "config is missing");
        List<ConfigViolation> violations = ConfigValidator.validate(r.config());
        require(
                violations.isEmpty(),
                "invalid config: "
                        + violations.stream().map(ConfigViolation::toString).collect(Collectors.joining("; ")));
        return r;
    }

    /** A run event; a {@link WorkerEvent} is poison here (what services older than it do with one). */
    public static RunEvent decodeEvent(String json) {
        return checkedRunEvent(convert(readVersioned(json), RunEvent.class));
    }

    /** Whatever a worker puts on the events topic: a {@link RunEvent} or a {@link WorkerEvent}. */
    public static EventMessage decodeEventMessage(String json) {
        JsonNode tree = readVersioned(json);
        if (!WorkerEvent.TYPE.equals(tree.path("type").asText())) {
            return checkedRunEvent(convert(tree, RunEvent.class));
        }
        requireSize(json, "worker event");
        WorkerEvent w = convert(tree, WorkerEvent.class);
        require(w.workerId() != null && !w.workerId().isBlank(), "workerId is missing");
        require(w.workerId().length() <= MAX_NAME_CHARS, "workerId is longer than " + MAX_NAME_CHARS);
        require(w.host() != null && w.host().length() <= MAX_NAME_CHARS, "host is missing or too long");
        require("cpu".equals(w.device()) || "gpu".equals(w.device()), "device must be cpu or gpu");
        require(w.threads() >= 1, "threads must be at least 1");
        require(w.state() != null, "state is missing");
        require(w.state() != WorkerEvent.State.TRAINING || w.runId() != null, "training without runId");
        require(
                w.runId() == null || w.state() == WorkerEvent.State.TRAINING || w.state() == WorkerEvent.State.DRAINING,
                "a runId goes with state training or draining");
        require(w.epoch() == null || w.epoch() >= 1, "epoch must be at least 1");
        require(w.epochs() == null || w.epochs() >= 1, "epochs must be at least 1");
        require(w.runsDone() >= 0, "runsDone must not be negative");
        require(w.startedAt() != null && w.at() != null, "startedAt and at are required");
        return w;
    }

    /** Worker ids and host names: longer ones are not names. */
    public static final int MAX_NAME_CHARS = 255;

    private static RunEvent checkedRunEvent(RunEvent e) {
        require(e.type() != null, "type is missing");
        require(e.runId() != null, "runId is missing");
        require(e.attempt() >= 1, "attempt must be at least 1");
        switch (e.type()) {
            case PROGRESS -> require(e.progress() != null, "PROGRESS without progress");
            case EPOCH_COMPLETED -> require(e.epoch() != null, "EPOCH_COMPLETED without epoch");
            case COMPLETED -> requireResult(e.result());
            default -> {}
        }
        return e;
    }

    /** A result the service can store and compare: a 10 × 10 confusion matrix and a class accuracy each. */
    private static void requireResult(RunResult result) {
        require(result != null, "COMPLETED without result");
        int classes = FashionMnistClasses.COUNT;
        int[][] confusion = result.confusionMatrix();
        require(
                confusion != null
                        && confusion.length == classes
                        && Arrays.stream(confusion).allMatch(row -> row != null && row.length == classes)
                        && Arrays.stream(confusion).flatMapToInt(Arrays::stream).allMatch(n -> n >= 0),
                "result.confusionMatrix must be " + classes + " × " + classes + " counts");
        require(
                result.perClassAccuracy() != null && result.perClassAccuracy().size() == classes,
                "result.perClassAccuracy must have " + classes + " entries");
    }

    public static RunControl decodeControl(String json) {
        requireSize(json, "run control message");
        RunControl c = decode(json, RunControl.class);
        require(c.action() != null && c.runId() != null, "action and runId are required");
        return c;
    }

    private static <T> T decode(String json, Class<T> type) {
        return convert(readVersioned(json), type);
    }

    /** The message's JSON object, if it is one of this build's schema version. */
    private static JsonNode readVersioned(String json) {
        if (json == null || json.isBlank()) {
            throw new PoisonMessageException("empty message");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new PoisonMessageException("not a JSON object");
        }
        int version = tree.path("schemaVersion").asInt(-1);
        if (version != SCHEMA_VERSION) {
            throw new PoisonMessageException("unsupported schemaVersion " + tree.path("schemaVersion")
                    + " (this build reads " + SCHEMA_VERSION + ")");
        }
        return tree;
    }

    private static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return JSON.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonMessageException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static void requireSize(String json, String what) {
        require(
                json == null || json.length() <= MAX_REQUEST_CHARS,
                "a " + what + " of " + (json == null ? 0 : json.length()) + " characters exceeds the limit of "
                        + MAX_REQUEST_CHARS);
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new PoisonMessageException(reason);
        }
    }
}
