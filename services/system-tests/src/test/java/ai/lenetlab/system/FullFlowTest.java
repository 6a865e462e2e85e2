package ai.lenetlab.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.lenetlab.infra.KafkaTestClient;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.RunEventType;
import ai.lenetlab.messaging.Topics;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST an experiment → a worker trains it on a small subset → events → rows in PostgreSQL →
 * GET /api/runs/{id} is COMPLETED with per-epoch metrics. Then the faults: a worker killed or stopped
 * mid-run, the experiment service stopped, the Kafka broker restarted — each run still completes,
 * with one row per epoch.
 */
class FullFlowTest {

    private static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        if (Prerequisites.datasetMissing().isPresent()) {
            return; // each test reports itself skipped, with the reason
        }
        system = new RunningSystem();
        system.startWorker("worker-a");
        RestAssured.baseURI = system.baseUrl();
        RestAssured.authentication = RestAssured.preemptive().basic(RunningSystem.ADMIN, RunningSystem.ADMIN_PASSWORD);
    }

    @BeforeEach
    void prerequisites() {
        Prerequisites.datasetMissing().ifPresent(Assumptions::abort);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anExperimentIsTrainedAndItsResultsServed() {
        long posted = System.nanoTime();
        String run = given().contentType(ContentType.JSON)
                .body("""
                {"name":"full flow","runs":[{"preset":"model-2",
                 "overrides":{"epochs":2,"trainSamples":2048,"testSamples":500}}]}""")
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .path("runs[0].id");

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> given().get("/api/runs/" + run)
                        .then()
                        .body("status", org.hamcrest.Matchers.oneOf("RUNNING", "COMPLETED")));
        System.out.printf("POST → run started: %.2f s%n", (System.nanoTime() - posted) / 1e9);

        await().atMost(Duration.ofMinutes(3))
                .untilAsserted(() -> given().get("/api/runs/" + run).then().body("status", equalTo("COMPLETED")));
        given().get("/api/runs/" + run)
                .then()
                .body("epochs", hasSize(2))
                .body("epochs[1].epoch", equalTo(2))
                // model-2's seed 1 on this subset: 0.692 here, as with ./lenetlab train (±0.02: other CPUs' kernels)
                .body(
                        "finalMetrics.testAccuracy",
                        org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThan(0.672f))
                                .and(org.hamcrest.Matchers.lessThan(0.712f)))
                .body("workerId", org.hamcrest.Matchers.startsWith("worker-"))
                .body("device", equalTo("cpu()"))
                .body("parameters", equalTo(61706))
                .body("layers", hasSize(12))
                .body("modelAvailable", equalTo(true));
        assertThat(given().get("/api/runs/" + run + "/predictions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("$"))
                .hasSize(40);
        assertThat(given().get("/api/runs/" + run + "/model")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray())
                .hasSizeGreaterThan(61706 * 4);
    }

    @Test
    void aRunSurvivesItsWorkerBeingKilled() throws Exception {
        String run = submitAndAwaitRunning("kill -9", 3);
        String first = given().get("/api/runs/" + run).then().extract().path("workerId");
        system.startWorker(first.equals("worker-a") ? "worker-b" : "worker-a");

        // kill -9 the worker that holds the run; the spare is idle and takes the re-queued attempt
        system.kill(first);

        await().atMost(Duration.ofMinutes(4))
                .untilAsserted(() -> given().get("/api/runs/" + run).then().body("status", equalTo("COMPLETED")));
        List<Integer> epochs = given().get("/api/runs/" + run)
                .then()
                .body("attempt", equalTo(2))
                .extract()
                .jsonPath()
                .getList("epochs.epoch");
        assertThat(epochs).containsExactly(1, 2, 3);
        assertThat((String) given().get("/api/runs/" + run).then().extract().path("workerId"))
                .isNotEqualTo(first);
    }

    @Test
    void aWorkerThatIsStoppedHandsItsRunBackAtOnce() throws Exception {
        system.startWorker("worker-c");
        system.startWorker("worker-d");
        String run = submitAndAwaitRunning("scale-in", 2);
        String holder = given().get("/api/runs/" + run).then().extract().path("workerId");

        long stopped = System.nanoTime();
        system.stop(holder);

        // the stopping worker hands the run back itself (RELEASED), rather than leaving it to the heartbeat
        // timeout; the event on the topic says so whatever the machine's speed
        try (KafkaTestClient kafka = new KafkaTestClient(system.kafka.bootstrapServers())) {
            RunEvent released = MessageCodec.decodeEvent(kafka.await(
                            Topics.RUN_EVENTS,
                            r -> r.key().equals(run)
                                    && MessageCodec.decodeEvent(r.value()).type() == RunEventType.RELEASED,
                            Duration.ofMinutes(1))
                    .value());
            assertThat(released.workerId()).isEqualTo(holder);
            assertThat(released.attempt()).isEqualTo(1);
        }
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> given().get("/api/runs/" + run).then().body("attempt", equalTo(2)));
        System.out.printf("SIGTERM → run re-queued: %.2f s%n", (System.nanoTime() - stopped) / 1e9);
        await().atMost(Duration.ofMinutes(3))
                .untilAsserted(() -> given().get("/api/runs/" + run).then().body("status", equalTo("COMPLETED")));
        assertThat((String) given().get("/api/runs/" + run).then().extract().path("workerId"))
                .isNotEqualTo(holder);
    }

    @Test
    void eventsSentWhileTheServiceIsDownAreStoredWhenItIsBack() throws Exception {
        system.startWorker("worker-e");
        String run = submitAndAwaitRunning("service restart", 3);

        int storedBefore = given().get("/api/runs/" + run)
                .then()
                .extract()
                .jsonPath()
                .getList("epochs")
                .size();
        system.stopService();
        // the worker trains on: an epoch it finishes now reaches Kafka while nobody consumes it
        try (KafkaTestClient kafka = new KafkaTestClient(system.kafka.bootstrapServers())) {
            kafka.await(
                    Topics.RUN_EVENTS,
                    r -> {
                        if (!r.key().equals(run)) {
                            return false; // another run's, or a worker's announcement (keyed by worker id)
                        }
                        RunEvent event = MessageCodec.decodeEvent(r.value());
                        return event.type() == RunEventType.EPOCH_COMPLETED
                                && event.epoch().epoch() > storedBefore;
                    },
                    Duration.ofMinutes(2));
        }
        system.startService();

        await().atMost(Duration.ofMinutes(3))
                .untilAsserted(() -> given().get("/api/runs/" + run).then().body("status", equalTo("COMPLETED")));
        given().get("/api/runs/" + run).then().body("attempt", equalTo(1));
        assertThat(given().get("/api/runs/" + run).then().extract().jsonPath().getList("epochs.epoch"))
                .containsExactly(1, 2, 3);
    }

    @Test
    void aKafkaRestartMidRunIsRiddenOut() throws Exception {
        system.startWorker("worker-f");
        String run = submitAndAwaitRunning("kafka restart", 3);

        system.restartKafka(Duration.ofSeconds(3));

        await().atMost(Duration.ofMinutes(4))
                .untilAsserted(() -> given().get("/api/runs/" + run).then().body("status", equalTo("COMPLETED")));
        assertThat(given().get("/api/runs/" + run).then().extract().jsonPath().getList("epochs.epoch"))
                .containsExactly(1, 2, 3);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aPostgresRestartMidRunLosesNoEvent() throws Exception {
        system.startWorker("worker-g");
        String run = submitAndAwaitRunning("postgres restart", 3);

        long down = System.nanoTime();
        // while it is down the worker trains on (its events wait in Kafka) and the API says so: 503, not 500
        system.postgres.restart(() -> await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().get("/api/runs/" + run)
                        .then()
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .body("detail", org.hamcrest.Matchers.containsString("database is not reachable"))));
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> given().get("/api/runs/" + run).then().statusCode(200));
        System.out.printf(
                "PostgreSQL restarted: API answering again %.1f s after the stop%n", (System.nanoTime() - down) / 1e9);

        await().atMost(Duration.ofMinutes(4))
                .untilAsserted(() -> given().get("/api/runs/" + run).then().body("status", equalTo("COMPLETED")));
        given().get("/api/runs/" + run).then().body("attempt", equalTo(1));
        assertThat(given().get("/api/runs/" + run).then().extract().jsonPath().getList("epochs.epoch"))
                .containsExactly(1, 2, 3);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static String submitAndAwaitRunning(String name, int epochs) {
        String run = given().contentType(ContentType.JSON)
                .body("""
                {"name":"%s","runs":[{"preset":"model-2",
                 "overrides":{"epochs":%d,"trainSamples":20000,"testSamples":500}}]}""".formatted(name, epochs))
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .path("runs[0].id");
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> given().get("/api/runs/" + run).then().body("status", equalTo("RUNNING")));
        return run;
    }
}
