package ai.lenetlab.experiments.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.Topics;
import ai.lenetlab.messaging.WorkerEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A worker that goes silent is lost after the heartbeat timeout: 3 s, as in {@link HeartbeatWatchdogTest}. */
@QuarkusTest
@TestProfile(HeartbeatWatchdogTest.ShortHeartbeatTimeout.class)
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class LostWorkerTest extends BrokerTest {

    @Test
    void aWorkerSilentForTheHeartbeatTimeoutIsLostAndCountsNoTrainingAfterItsLastWord() {
        WorkerEvent.Identity worker = new WorkerEvent.Identity(
                "worker-" + UUID.randomUUID(), "host-b", "gpu", 4, Instant.now().minusSeconds(5));
        UUID run = UUID.randomUUID();
        kafka.send(
                Topics.RUN_EVENTS,
                worker.workerId(),
                MessageCodec.encode(WorkerEvent.of(worker, WorkerEvent.State.TRAINING, run, 1, 3, 0)));

        Map<String, Object> lost = await().atMost(WAIT)
                .until(
                        () -> given().get("/api/workers")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getMap("workers.find { it.id == '" + worker.workerId() + "' }"),
                        w -> w != null && "lost".equals(w.get("state")));
        assertThat(lost).containsEntry("runId", run.toString()).containsEntry("device", "gpu");
        // it trained from its first word to its last, which were one: nothing is known of the silence
        assertThat(((Number) lost.get("utilisation")).doubleValue()).isZero();
    }
}
