package ai.lenetlab.experiments;

import static io.restassured.RestAssured.given;

import ai.lenetlab.infra.KafkaTestClient;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.Topics;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Runs submitted through the API and worker events put on the real topic, as the lifecycle tests need them. */
public final class TestRuns {

    private TestRuns() {}

    /** One model-2 config of two epochs with seeds 1..{@code seeds}, submitted as the signed-in user. */
    public static List<UUID> submit(String name, int seeds) {
        return submit(name, seeds, 2);
    }

    /** One model-2 config of {@code epochs} epochs with seeds 1..{@code seeds}. */
    public static List<UUID> submit(String name, int seeds, int epochs) {
        String seedList =
                IntStream.rangeClosed(1, seeds).mapToObj(String::valueOf).collect(Collectors.joining(","));
        List<String> ids = given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"runs\":[{\"preset\":\"model-2\",\"overrides\":{\"epochs\":" + epochs
                        + "}," + "\"seeds\":[" + seedList + "]}]}")
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .path("runs.id");
        return ids.stream().map(UUID::fromString).toList();
    }

    /** What a worker would send about a run, keyed by the run as workers key it. */
    public static void publish(KafkaTestClient kafka, RunEvent event) {
        kafka.send(Topics.RUN_EVENTS, event.runId().toString(), MessageCodec.encode(event));
    }
}
