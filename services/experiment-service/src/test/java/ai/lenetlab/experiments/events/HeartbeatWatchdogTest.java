package ai.lenetlab.experiments.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.RunControl;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.RunEventType;
import ai.lenetlab.messaging.RunRequest;
import ai.lenetlab.messaging.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat watchdog, with a 3 s timeout (and max-losses 3) in this class alone: the other test classes leave runs
 * RUNNING without heartbeats and keep the default 30 s, so the watchdog never races their checks.
 */
@QuarkusTest
@TestProfile(HeartbeatWatchdogTest.ShortHeartbeatTimeout.class)
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class HeartbeatWatchdogTest extends BrokerTest {

    public static class ShortHeartbeatTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lenetlab.runs.heartbeat-timeout", "3s", "lenetlab.runs.max-losses", "3");
        }
    }

    @Test
    void lostWorkersUseUpNoAttemptAndAHandBackStartsTheirCountAgain() {
        // max-attempts 2, max-losses 3 here: four silent workers, never three in a row, then one that completes
        UUID run = TestRuns.submit("lost workers", 1).get(0);
        loseWorker(run, 1);
        loseWorker(run, 2);
        TestRuns.startAndEnd(kafka, run, 3, "worker-3", RunEventType.RELEASED, "shutting down");
        loseWorker(run, 4);
        loseWorker(run, 5);
        TestRuns.complete(kafka, run, 6, "worker-6", TestRuns.result());
        given().get("/api/runs/" + run)
                .then()
                .body("attempt", equalTo(6))
                .body("failures", equalTo(0))
                .body("attempts.ended", contains("lost", "lost", "released", "lost", "lost", "completed"));
    }

    @Test
    void aRunThatLosesEveryWorkerItGoesToFailsAfterMaxLosses() {
        UUID run = TestRuns.submit("silent worker", 1).get(0);
        String first = TestRuns.secret(run);
        TestRuns.publish(kafka, RunEvent.started(run, 1, first, "worker-gone", "cpu()", 61706, List.of()));

        // heartbeat timeout 3 s in this test class: attempt 2 is published
        RunRequest second = MessageCodec.decodeRequest(kafka.await(
                        Topics.RUN_REQUESTS,
                        r -> r.key().equals(run.toString()) && r.value().contains("\"attempt\":2"),
                        WAIT)
                .value());
        assertThat(second.attempt()).isEqualTo(2);
        // the request goes out inside the transaction that re-queues: the row may commit a moment later
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + run)
                        .then()
                        .body("status", equalTo("QUEUED"))
                        .body("attempt", equalTo(2)));
        // the silent worker is told to drop attempt 1, should it come back (a network cut that heals)
        RunControl drop = MessageCodec.decodeControl(kafka.await(
                        Topics.RUN_CONTROL,
                        r -> r.key().equals(run.toString()) && r.value().contains("worker-gone"),
                        WAIT)
                .value());
        assertThat(drop.attempt()).isEqualTo(1);
        assertThat(drop.workerId()).isEqualTo("worker-gone");

        TestRuns.publish(kafka, RunEvent.heartbeat(run, 1, first, "worker-gone")); // stale attempt: ignored
        loseWorker(run, 2);
        // a poison run (one that crashes each worker's JVM) looks like lost workers: max-losses (3) ends it
        TestRuns.publish(
                kafka, RunEvent.started(run, 3, TestRuns.secret(run, 3), "worker-3", "cpu()", 61706, List.of()));
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + run)
                        .then()
                        .body("status", equalTo("FAILED"))
                        .body("attempt", equalTo(3))
                        .body("failures", equalTo(0))
                        .body(
                                "error",
                                equalTo("worker worker-3 sent no heartbeat for 3 s (lost its worker 3 times in a"
                                        + " row)"))
                        .body("attempts.ended", contains("lost", "lost", "lost"))
                        .body("attempts.worker", contains("worker-gone", "worker-2", "worker-3")));
    }

    /** A worker takes the attempt and falls silent; returns once the watchdog has re-queued the run. */
    private void loseWorker(UUID run, int attempt) {
        TestRuns.publish(
                kafka,
                RunEvent.started(
                        run, attempt, TestRuns.secret(run, attempt), "worker-" + attempt, "cpu()", 61706, List.of()));
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + run)
                        .then()
                        .body("status", equalTo("QUEUED"))
                        .body("attempt", equalTo(attempt + 1)));
    }
}
