package ai.lenetlab.experiments.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.api.RunProgress;
import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.experiments.domain.EpochMetricRow;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.RunControl;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.RunEventType;
import ai.lenetlab.messaging.RunResult;
import ai.lenetlab.messaging.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The service's side of the run lifecycle, with worker events published to the real broker by
 * the test (the real worker is exercised in the trainer-worker and system tests).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class RunLifecycleTest extends BrokerTest {

    @Test
    void workerEventsAreStoredOnceEvenWhenRepeated() throws Exception {
        UUID run = TestRuns.submit("lifecycle", 1).get(0);
        byte[] model = "trained parameters".getBytes(StandardCharsets.UTF_8);
        EpochMetrics epoch1 = new EpochMetrics(1, 0.6, 0.78, 0.45, 0.84, 0.01, 5.0, 12000);
        EpochMetrics epoch2 = new EpochMetrics(2, 0.4, 0.86, 0.38, 0.87, 0.007, 5.0, 12000);
        RunResult result = new RunResult(
                confusion(),
                java.util.Collections.nCopies(10, 0.9),
                List.of(new PredictionSample(0, 9, 9, 0.99, "AAAA")),
                11.5,
                Base64.getEncoder().encodeToString(model),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model)),
                null,
                null); // as a worker from before per-image predictions sends it

        TestRuns.publish(
                kafka,
                RunEvent.started(
                        run,
                        1,
                        TestRuns.secret(run),
                        "worker-a",
                        "cpu()",
                        61706,
                        List.of(new LayerInfo("Conv2d", List.of(1L, 6L, 28L, 28L), 156))));
        TestRuns.publish(
                kafka,
                RunEvent.progress(run, 1, TestRuns.secret(run), "worker-a", new RunProgress(1, 2, 10, 20, 0.7, 0.7)));
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + run)
                        .then()
                        .body("status", equalTo("RUNNING"))
                        .body("workerId", equalTo("worker-a"))
                        .body("progress.batch", equalTo(10))
                        .body("progressFraction", equalTo(0.25f))
                        .body("attempts", hasSize(1))
                        .body("attempts[0].worker", equalTo("worker-a"))
                        .body("attempts[0].ended", org.hamcrest.Matchers.nullValue()));

        TestRuns.publish(kafka, RunEvent.epochCompleted(run, 1, TestRuns.secret(run), "worker-a", epoch1));
        TestRuns.publish(
                kafka, RunEvent.epochCompleted(run, 1, TestRuns.secret(run), "worker-a", epoch1)); // redelivered
        TestRuns.publish(kafka, RunEvent.epochCompleted(run, 1, TestRuns.secret(run), "worker-a", epoch2));
        // a worker that does not hold the run: its numbers (and its third epoch) must leave no trace
        TestRuns.publish(
                kafka,
                RunEvent.epochCompleted(
                        run,
                        1,
                        TestRuns.secret(run),
                        "worker-b",
                        new EpochMetrics(2, 9.9, 0.11, 9.9, 0.11, 0.5, 1.0, 1)));
        TestRuns.publish(
                kafka,
                RunEvent.epochCompleted(
                        run,
                        1,
                        TestRuns.secret(run),
                        "worker-b",
                        new EpochMetrics(3, 9.9, 0.11, 9.9, 0.11, 0.5, 1.0, 1)));
        TestRuns.publish(kafka, RunEvent.completed(run, 1, TestRuns.secret(run), "worker-a", result));
        TestRuns.publish(kafka, RunEvent.completed(run, 1, TestRuns.secret(run), "worker-a", result)); // duplicate
        TestRuns.publish(
                kafka, RunEvent.ended(RunEventType.FAILED, run, 1, TestRuns.secret(run), "worker-a", "late and wrong"));

        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + run).then().body("status", equalTo("COMPLETED")));
        // the service has handled every event above, the late FAILED included: no sleep standing in for it
        kafka.afterConsumed("experiment-service", Topics.RUN_EVENTS, Topics.RUN_EVENTS, r -> false, WAIT);
        given().get("/api/runs/" + run)
                .then()
                .body("status", equalTo("COMPLETED"))
                .body("epochs", hasSize(2))
                .body("epochs[0].testAccuracy", equalTo(0.84f))
                .body("epochs[1].testAccuracy", equalTo(0.87f))
                .body("error", org.hamcrest.Matchers.nullValue())
                .body("finalMetrics.epoch", equalTo(2))
                .body("bestMetrics.testAccuracy", equalTo(0.87f))
                .body("confusionMatrix[9][9]", equalTo(1000))
                .body("layers[0].outputShape", equalTo(List.of(1, 6, 28, 28)))
                .body("modelAvailable", equalTo(true))
                .body("device", equalTo("cpu()"))
                // worker-b's epoch 3 is not this attempt's: it reported epochs 1 to 2
                .body("attempts", hasSize(1))
                .body("attempts[0].ended", equalTo("completed"))
                .body("attempts[0].fromEpoch", equalTo(1))
                .body("attempts[0].toEpoch", equalTo(2));
        assertThat(QuarkusTransaction.requiringNew().<Long>call(() -> EpochMetricRow.count("key.runId", run)))
                .isEqualTo(2);
        byte[] downloaded = given().get("/api/runs/" + run + "/model")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(downloaded).isEqualTo(model);
        given().get("/api/runs/" + run + "/predictions").then().statusCode(200).body("[0].predictedLabel", equalTo(9));
    }

    @Test
    void aModelWhoseChecksumDoesNotMatchIsNotStored() {
        UUID run = TestRuns.submit("damaged model", 1).get(0);
        byte[] model = "trained parameters".getBytes(StandardCharsets.UTF_8);
        RunResult damaged = new RunResult(
                confusion(),
                java.util.Collections.nCopies(10, 0.9),
                List.of(),
                11.5,
                Base64.getEncoder().encodeToString(model),
                "0".repeat(64),
                null,
                null);
        TestRuns.publish(kafka, RunEvent.started(run, 1, TestRuns.secret(run), "worker-a", "cpu()", 61706, List.of()));
        TestRuns.publish(kafka, RunEvent.completed(run, 1, TestRuns.secret(run), "worker-a", damaged));

        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + run)
                        .then()
                        .body("status", equalTo("COMPLETED"))
                        .body("modelAvailable", equalTo(false)));
        given().get("/api/runs/" + run + "/model").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aSecondDeliveryOfAnAttemptIsStoppedOnItsWorkerAndTheFirstKeepsTheRun() {
        UUID run = TestRuns.submit("delivered twice", 1).get(0);
        TestRuns.publish(
                kafka, RunEvent.started(run, 1, TestRuns.secret(run), "worker-first", "cpu()", 61706, List.of()));
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + run).then().body("workerId", equalTo("worker-first")));

        TestRuns.publish(
                kafka, RunEvent.started(run, 1, TestRuns.secret(run), "worker-second", "cpu()", 61706, List.of()));
        RunControl stop = MessageCodec.decodeControl(kafka.await(
                        Topics.RUN_CONTROL,
                        r -> r.key().equals(run.toString())
                                && "worker-second"
                                        .equals(MessageCodec.decodeControl(r.value())
                                                .workerId()),
                        WAIT)
                .value());
        assertThat(stop.attempt()).isEqualTo(1);
        given().get("/api/runs/" + run)
                .then()
                .body("workerId", equalTo("worker-first"))
                .body("attempt", equalTo(1));
    }

    @Test
    void cancelAndRetry() {
        List<UUID> runs = TestRuns.submit("cancel me", 2);
        UUID queued = runs.get(0);
        UUID running = runs.get(1);

        given().post("/api/runs/" + queued + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("attempts", hasSize(0)); // no worker took it
        given().post("/api/runs/" + queued + "/cancel").then().statusCode(409).contentType("application/problem+json");
        kafka.await(
                Topics.RUN_CONTROL,
                r -> r.key().equals(queued.toString())
                        && MessageCodec.decodeControl(r.value()).action() == RunControl.Action.CANCEL,
                WAIT);

        TestRuns.publish(
                kafka, RunEvent.started(running, 1, TestRuns.secret(running), "worker-a", "cpu()", 61706, List.of()));
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + running).then().body("status", equalTo("RUNNING")));
        given().post("/api/runs/" + running + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("RUNNING"))
                .body("cancelRequested", equalTo(true));
        TestRuns.publish(
                kafka,
                RunEvent.ended(
                        RunEventType.CANCELLED,
                        running,
                        1,
                        TestRuns.secret(running),
                        "worker-a",
                        "cancelled in epoch 1"));
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + running).then().body("status", equalTo("CANCELLED")));

        given().post("/api/runs/" + running + "/retry")
                .then()
                .statusCode(200)
                .body("status", equalTo("QUEUED"))
                .body("attempt", equalTo(2))
                .body("epochs", hasSize(0))
                .body("attempts.ended", contains("cancelled"));
        given().post("/api/runs/" + running + "/retry").then().statusCode(409);
    }

    @Test
    void aRunHandedBackAgainAndAgainUsesUpNoAttempt() {
        // max-attempts is 2 in tests: four clean hand-backs (deploys, scale-ins) must not end the run
        UUID run = TestRuns.submit("handed back", 1).get(0);
        EpochMetrics epoch1 = new EpochMetrics(1, 0.6, 0.78, 0.45, 0.84, 0.01, 5.0, 12000);
        EpochMetrics epoch2 = new EpochMetrics(2, 0.4, 0.86, 0.38, 0.87, 0.007, 5.0, 12000);
        String first = TestRuns.secret(run, 1);
        TestRuns.publish(kafka, RunEvent.started(run, 1, first, "worker-1", "cpu()", 61706, List.of()));
        TestRuns.publish(kafka, RunEvent.epochCompleted(run, 1, first, "worker-1", epoch1));
        TestRuns.publish(
                kafka,
                RunEvent.ended(
                        RunEventType.RELEASED,
                        run,
                        1,
                        first,
                        "worker-1",
                        "training cancelled in epoch 2 before batch 1 (shutting down)"));
        for (int attempt = 2; attempt <= 4; attempt++) {
            TestRuns.startAndEnd(
                    kafka,
                    run,
                    attempt,
                    "worker-" + attempt,
                    RunEventType.RELEASED,
                    "training cancelled in epoch 1 before batch 1 (shutting down)");
        }
        String fifth = TestRuns.secret(run, 5);
        TestRuns.publish(kafka, RunEvent.started(run, 5, fifth, "worker-5", "cpu()", 61706, List.of()));
        TestRuns.publish(kafka, RunEvent.epochCompleted(run, 5, fifth, "worker-5", epoch1));
        TestRuns.publish(kafka, RunEvent.epochCompleted(run, 5, fifth, "worker-5", epoch2));
        TestRuns.publish(kafka, RunEvent.completed(run, 5, fifth, "worker-5", TestRuns.result()));
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + run)
                        .then()
                        .body("status", equalTo("COMPLETED"))
                        .body("attempt", equalTo(5))
                        .body("failures", equalTo(0))
                        .body("error", org.hamcrest.Matchers.nullValue()));
        // each attempt a worker took: who, the epochs it reported, how it ended
        given().get("/api/runs/" + run)
                .then()
                .body("attempts.attempt", contains(1, 2, 3, 4, 5))
                .body("attempts.worker", contains("worker-1", "worker-2", "worker-3", "worker-4", "worker-5"))
                .body("attempts.ended", contains("released", "released", "released", "released", "completed"))
                .body("attempts[0].fromEpoch", equalTo(1))
                .body("attempts[0].toEpoch", equalTo(1))
                .body("attempts[1].fromEpoch", org.hamcrest.Matchers.nullValue())
                .body("attempts[1].toEpoch", org.hamcrest.Matchers.nullValue())
                .body("attempts[4].fromEpoch", equalTo(1))
                .body("attempts[4].toEpoch", equalTo(2))
                .body("attempts[4].startedAt", org.hamcrest.Matchers.notNullValue())
                .body("attempts[4].endedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void onlyTheRunsOwnFailuresUseUpItsAttempts() {
        List<UUID> runs = TestRuns.submit("failing", 2);
        UUID failing = runs.get(0);
        // max-attempts 2: a failed attempt is tried again, the second failure is final
        TestRuns.startAndEnd(kafka, failing, 1, "worker-a", RunEventType.FAILED, "out of memory");
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + failing)
                        .then()
                        .body("status", equalTo("QUEUED"))
                        .body("attempt", equalTo(2))
                        .body("failures", equalTo(1)));
        TestRuns.startAndEnd(kafka, failing, 2, "worker-b", RunEventType.FAILED, "out of memory");
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + failing)
                        .then()
                        .body("status", equalTo("FAILED"))
                        .body("attempt", equalTo(2))
                        .body("failures", equalTo(2))
                        .body("error", equalTo("out of memory (after 2 attempts)")));

        // hand-backs between the failures count for nothing
        UUID interrupted = runs.get(1);
        TestRuns.startAndEnd(kafka, interrupted, 1, "worker-a", RunEventType.RELEASED, "shutting down");
        TestRuns.startAndEnd(kafka, interrupted, 2, "worker-b", RunEventType.FAILED, "loss is NaN");
        TestRuns.startAndEnd(kafka, interrupted, 3, "worker-c", RunEventType.RELEASED, "shutting down");
        TestRuns.startAndEnd(kafka, interrupted, 4, "worker-d", RunEventType.FAILED, "loss is NaN");
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + interrupted)
                        .then()
                        .body("status", equalTo("FAILED"))
                        .body("attempt", equalTo(4))
                        .body("failures", equalTo(2))
                        .body("error", equalTo("loss is NaN (after 4 attempts, 2 of them failed)"))
                        .body("attempts.ended", contains("released", "failed", "released", "failed"))
                        .body("attempts.worker", contains("worker-a", "worker-b", "worker-c", "worker-d")));

        // a user's retry gives the run its attempts again
        given().post("/api/runs/" + failing + "/retry").then().statusCode(200).body("failures", equalTo(0));
        TestRuns.startAndEnd(kafka, failing, 3, "worker-c", RunEventType.FAILED, "out of memory");
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + failing)
                        .then()
                        .body("status", equalTo("QUEUED"))
                        .body("attempt", equalTo(4)));
    }

    @Test
    void runChangesStreamAsServerSentEventsToEveryClient() throws Exception {
        UUID run = TestRuns.submit("live", 1).get(0);
        List<Stream> clients = List.of(subscribe(), subscribe(), subscribe());

        TestRuns.publish(
                kafka, RunEvent.started(run, 1, TestRuns.secret(run), "worker-live", "cpu()", 61706, List.of()));

        for (Stream client : clients) {
            String seen = client.next(line -> line.startsWith("data:") && line.contains(run.toString()));
            client.response().join().body().close();
            assertThat(seen).contains("\"status\":\"RUNNING\"", "\"workerId\":\"worker-live\"");
        }
    }

    private record Stream(
            java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<java.util.stream.Stream<String>>>
                    response,
            java.util.concurrent.BlockingQueue<String> lines) {
        /** The first line that matches within WAIT, or null. */
        String next(java.util.function.Predicate<String> match) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (line != null && match.test(line)) {
                    return line;
                }
            }
            return null;
        }
    }

    /** An SSE client of /api/events, once the stream's headers have arrived (it is subscribed then). */
    private static Stream subscribe() throws Exception {
        var lines = new java.util.concurrent.LinkedBlockingQueue<String>();
        var response = java.net.http.HttpClient.newHttpClient()
                .sendAsync(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI
                                        + ":" + io.restassured.RestAssured.port + "/api/events"))
                                .header("Accept", "text/event-stream")
                                .header("Authorization", TestUsers.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofLines());
        response.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS); // the headers: subscribed
        // read on a thread of its own: the test's thread must never block on a stream that does not end
        Thread.ofVirtual().start(() -> response.join().body().forEach(lines::add));
        return new Stream(response, lines);
    }

    @Test
    void anEventThatOvertakesItsAttemptsCommitWaitsForItAndCountsOnlyWithTheAttemptsSecret() {
        UUID run = TestRuns.submit("quick worker", 1).get(0);
        given().post("/api/runs/" + run + "/cancel").then().statusCode(200);

        // an event of attempt 2 before the retry's transaction has committed: the service has seen it (it
        // counts it as early) before the retry is even sent, on any machine's speed. It cannot carry attempt
        // 2's secret, which is drawn when the lab hands the attempt out: once the attempt exists it is refused
        double early = metric("lenetlab_run_events_early_total");
        double refused = metric("lenetlab_run_events_refused_total");
        TestRuns.publish(kafka, RunEvent.started(run, 2, null, "worker-early", "cpu()", 61706, List.of()));
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> metric("lenetlab_run_events_early_total") > early);
        given().post("/api/runs/" + run + "/retry").then().statusCode(200);
        await().atMost(WAIT).until(() -> metric("lenetlab_run_events_refused_total") > refused);

        // the worker the attempt was handed to, with the secret of its request
        TestRuns.publish(
                kafka, RunEvent.started(run, 2, TestRuns.secret(run, 2), "worker-quick", "cpu()", 61706, List.of()));
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + run)
                        .then()
                        .body("status", equalTo("RUNNING"))
                        .body("attempt", equalTo(2))
                        .body("workerId", equalTo("worker-quick")));
    }

    private static double metric(String name) {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$")
                .matcher(given().get("/q/metrics").asString());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    @Test
    void poisonEventsGoToTheDeadLetterTopicAndTheConsumerCarriesOn() {
        UUID run = TestRuns.submit("after poison", 1).get(0);
        kafka.sendBytes(Topics.RUN_EVENTS, "junk", new byte[] {(byte) 0xff, 0, 1, 2});
        kafka.send(Topics.RUN_EVENTS, "future", "{\"schemaVersion\":7,\"type\":\"STARTED\"}");

        TestRuns.publish(kafka, RunEvent.started(run, 1, TestRuns.secret(run), "worker-a", "cpu()", 61706, List.of()));

        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + run).then().body("status", equalTo("RUNNING")));
        kafka.await(Topics.DEAD_LETTER, r -> "future".equals(r.key()), WAIT);
        kafka.await(Topics.DEAD_LETTER, r -> "junk".equals(r.key()), WAIT);
        given().get("/q/health/live").then().statusCode(200);
    }

    private static int[][] confusion() {
        int[][] m = new int[10][10];
        for (int i = 0; i < 10; i++) {
            m[i][i] = 1000;
        }
        return m;
    }
}
