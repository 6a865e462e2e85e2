package ai.lenetlab.experiments;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.experiments.domain.EpochMetricRow;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.infra.KafkaTestClient;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.RunEventType;
import ai.lenetlab.messaging.RunResult;
import ai.lenetlab.messaging.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import java.time.Duration;
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

    /**
     * The secret of attempt 1 of {@code run}, as its worker reads it off the run request: a worker's
     * events must carry it. Waits until the lab has handed the attempt out.
     */
    public static String secret(UUID run) {
        return secret(run, 1);
    }

    /** The secret of the run's {@code attempt}, once the lab has handed that attempt out. */
    public static String secret(UUID run, int attempt) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> QuarkusTransaction.requiringNew().call(() -> {
                            Run r = Run.findById(run);
                            return r.attempt == attempt ? r.attemptSecret : null;
                        }),
                        java.util.Objects::nonNull);
    }

    /** What a worker would send about a run, keyed by the run as workers key it. */
    public static void publish(KafkaTestClient kafka, RunEvent event) {
        kafka.send(Topics.RUN_EVENTS, event.runId().toString(), MessageCodec.encode(event));
    }

    /**
     * Each run starts and reports epoch 1 with test accuracy {@code accuracy} + 0.02 per run in turn;
     * returns once the service has stored them.
     */
    public static void firstEpochs(KafkaTestClient kafka, List<UUID> runs, double accuracy, double loss) {
        for (UUID run : runs) {
            String secret = secret(run);
            publish(kafka, RunEvent.started(run, 1, secret, "w", "cpu()", 61706, List.of()));
            EpochMetrics epoch =
                    new EpochMetrics(1, 0.5, accuracy, loss, accuracy + runs.indexOf(run) * 0.02, 0.01, 1, 1000);
            publish(kafka, RunEvent.epochCompleted(run, 1, secret, "w", epoch));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew()
                                .<Long>call(() -> EpochMetricRow.count("key.runId in ?1", runs))
                        == (long) runs.size());
    }

    /** Each run COMPLETED (after its epochs): only completed runs enter a comparison's final statistics. */
    public static void completeAll(KafkaTestClient kafka, List<UUID> runs) {
        runs.forEach(run -> complete(kafka, run, result()));
    }

    /** The experiment a run belongs to. */
    public static UUID experimentOf(UUID run) {
        return UUID.fromString(
                given().get("/api/runs/" + run).then().statusCode(200).extract().path("experimentId"));
    }

    /** A worker's STARTED and COMPLETED for attempt 1 of a run; returns once the service shows it COMPLETED. */
    public static void complete(KafkaTestClient kafka, UUID run, RunResult result) {
        complete(kafka, run, 1, "w", result);
    }

    /** {@code worker}'s STARTED and COMPLETED for the run's {@code attempt}; returns once it shows COMPLETED. */
    public static void complete(KafkaTestClient kafka, UUID run, int attempt, String worker, RunResult result) {
        String secret = secret(run, attempt);
        publish(kafka, RunEvent.started(run, attempt, secret, worker, "cpu()", 61706, List.of()));
        publish(kafka, RunEvent.completed(run, attempt, secret, worker, result));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/api/runs/" + run)
                        .then()
                        .body("status", org.hamcrest.Matchers.equalTo("COMPLETED")));
    }

    /**
     * A worker takes attempt {@code attempt} of the run (once the lab has handed it out) and ends it with
     * {@code end} (FAILED, CANCELLED or RELEASED); returns without waiting for the service.
     */
    public static void startAndEnd(
            KafkaTestClient kafka, UUID run, int attempt, String worker, RunEventType end, String reason) {
        String secret = secret(run, attempt);
        publish(kafka, RunEvent.started(run, attempt, secret, worker, "cpu()", 61706, List.of()));
        publish(kafka, RunEvent.ended(end, run, attempt, secret, worker, reason));
    }

    /** A result as small as the service accepts: every test image of each class right, no model. */
    public static RunResult result() {
        int[][] confusion = new int[10][10];
        for (int i = 0; i < 10; i++) {
            confusion[i][i] = 10;
        }
        return new RunResult(confusion, java.util.Collections.nCopies(10, 1.0), List.of(), 1.0, null, null, null, null);
    }
}
