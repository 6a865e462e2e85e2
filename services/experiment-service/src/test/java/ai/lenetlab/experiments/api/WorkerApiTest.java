package ai.lenetlab.experiments.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.Topics;
import ai.lenetlab.messaging.WorkerEvent;
import ai.lenetlab.messaging.WorkerEvent.State;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GET /api/workers, fed by workers' announcements over the real broker into the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class WorkerApiTest extends BrokerTest {

    @Test
    void aWorkersAnnouncementsAreWhatTheLabShowsOfIt() {
        WorkerEvent.Identity worker = identity();
        announce(worker, State.IDLE, null, null, 0);
        Map<String, Object> idle = awaitWorker(worker.workerId(), w -> "idle".equals(w.get("state")));
        assertThat(idle)
                .containsEntry("host", "host-a")
                .containsEntry("device", "cpu")
                .containsEntry("threads", 2)
                .containsEntry("runsDone", 0)
                .containsEntry(
                        "startedAt",
                        worker.startedAt().truncatedTo(ChronoUnit.MICROS).toString())
                .containsKey("lastHeartbeat")
                .containsEntry("runId", null);
        assertThat(((Number) idle.get("utilisation")).doubleValue()).isZero();

        UUID run = UUID.randomUUID();
        announce(worker, State.TRAINING, run, null, 0);
        announce(worker, State.TRAINING, run, 2, 0);
        Map<String, Object> training =
                awaitWorker(worker.workerId(), w -> Integer.valueOf(2).equals(w.get("epoch")));
        assertThat(training)
                .containsEntry("state", "training")
                .containsEntry("runId", run.toString())
                .containsEntry("epochs", 5);

        // an announcement older than the one applied, read again (a rebalance): changes nothing
        kafka.send(
                Topics.RUN_EVENTS,
                worker.workerId(),
                MessageCodec.encode(new WorkerEvent(
                        1,
                        WorkerEvent.TYPE,
                        worker.workerId(),
                        "host-a",
                        "cpu",
                        2,
                        State.IDLE,
                        null,
                        null,
                        null,
                        9,
                        worker.startedAt(),
                        worker.startedAt())));
        kafka.afterConsumed("experiment-service", Topics.RUN_EVENTS, Topics.RUN_EVENTS, r -> false, WAIT);
        assertThat(workers().getMap("workers.find { it.id == '" + worker.workerId() + "' }"))
                .containsEntry("state", "training")
                .containsEntry("runsDone", 0);

        announce(worker, State.IDLE, null, null, 1);
        Map<String, Object> done = awaitWorker(worker.workerId(), w -> "idle".equals(w.get("state")));
        assertThat(done).containsEntry("runsDone", 1).containsEntry("runId", null);
        assertThat(((Number) done.get("utilisation")).doubleValue())
                .as("it trained for part of its life so far")
                .isGreaterThan(0)
                .isLessThan(1);

        announce(worker, State.DRAINING, null, null, 1);
        awaitWorker(worker.workerId(), w -> "draining".equals(w.get("state")));
        announce(worker, State.GONE, null, null, 1);
        await().atMost(WAIT)
                .until(() -> workers().getList("workers.id").stream().noneMatch(worker.workerId()::equals));
    }

    @Test
    void runsWaitingAndWorkersByStateAreOnTheApiAndPrometheus() {
        long before = waitingRuns();
        TestRuns.submit("waiting for a worker", 3); // no worker in these tests takes them
        assertThat(waitingRuns()).isGreaterThanOrEqualTo(before + 3);

        WorkerEvent.Identity worker = identity();
        announce(worker, State.IDLE, null, null, 0);
        awaitWorker(worker.workerId(), w -> "idle".equals(w.get("state")));
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").asString();
            assertThat(gauge(metrics, "lenetlab_workers\\{state=\"idle\"\\}")).isGreaterThanOrEqualTo(1);
            assertThat(gauge(metrics, "lenetlab_runs_waiting\\{device=\"any\"\\}"))
                    .isGreaterThanOrEqualTo(before + 3);
        });
        assertThat(gauge(given().get("/q/metrics").asString(), "lenetlab_workers\\{state=\"lost\"\\}"))
                .isNotNegative();
        announce(worker, State.GONE, null, null, 0);
    }

    @Test
    void theWorkersAreForSignedInUsersOnly() {
        TestUsers.signOut();
        given().get("/api/workers").then().statusCode(401);
        TestUsers.create("wendy-viewer", "viewer");
        TestUsers.as("wendy-viewer", TestUsers.PASSWORD)
                .get("/api/workers")
                .then()
                .statusCode(200)
                .contentType("application/json");
    }

    private static WorkerEvent.Identity identity() {
        return new WorkerEvent.Identity(
                "worker-" + UUID.randomUUID(), "host-a", "cpu", 2, Instant.now().minusSeconds(30));
    }

    private void announce(WorkerEvent.Identity worker, State state, UUID run, Integer epoch, int runsDone) {
        kafka.send(
                Topics.RUN_EVENTS,
                worker.workerId(),
                MessageCodec.encode(WorkerEvent.of(worker, state, run, epoch, run == null ? null : 5, runsDone)));
    }

    private static JsonPath workers() {
        return given().get("/api/workers").then().statusCode(200).extract().jsonPath();
    }

    private static long waitingRuns() {
        return workers().getLong("runsWaiting.any");
    }

    private static Map<String, Object> awaitWorker(String id, java.util.function.Predicate<Map<String, Object>> match) {
        return await().atMost(WAIT)
                .until(
                        () -> workers().getMap("workers.find { it.id == '" + id + "' }"),
                        w -> w != null && match.test(w));
    }

    private static double gauge(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
