package ai.lenetlab.experiments.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lab's queue with two slots for runs handed to Kafka: a user's many runs wait in PostgreSQL, a
 * colleague's single run goes before their older ones when a slot frees, and a sweep's higher
 * priority goes first. What is handed out is on the real broker.
 */
@QuarkusTest
@TestProfile(RunQueueTest.TwoSlots.class)
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class RunQueueTest extends BrokerTest {

    public static class TwoSlots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lenetlab.queue.max-in-flight", "2");
        }
    }

    @BeforeEach
    void users() {
        TestUsers.create("ana", "researcher");
        TestUsers.create("ben", "researcher");
    }

    @Test
    void aColleaguesRunGoesBeforeOlderOnesAndPriorityBeforeBoth() {
        TestUsers.signInAs("ana");
        List<UUID> ana = TestRuns.submit("ana's four", 4);
        await().atMost(WAIT).until(() -> handedOut(ana).size() == 2);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> handedOut(ana).size() == 2);
        List<UUID> anaOut = handedOut(ana);
        anaOut.forEach(run -> kafka.await(Topics.RUN_REQUESTS, r -> r.key().equals(run.toString()), WAIT));

        TestUsers.signInAs("ben");
        UUID ben = TestRuns.submit("ben's one", 1).get(0);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> handedOut(List.of(ben)).isEmpty());

        // a worker takes one of ana's: the free slot goes to ben (no run active) before ana's older two
        TestRuns.publish(
                kafka,
                RunEvent.started(anaOut.get(0), 1, TestRuns.secret(anaOut.get(0)), "w", "cpu()", 61706, List.of()));
        await().atMost(WAIT).until(() -> handedOut(List.of(ben)).size() == 1);
        assertThat(handedOut(ana)).hasSize(2);
        kafka.await(Topics.RUN_REQUESTS, r -> r.key().equals(ben.toString()), WAIT);

        // a sweep at priority 5 (an admin's: researchers may not go before colleagues) waits for a slot,
        // then goes before ana's older runs
        TestUsers.signInAsAdmin();
        String sweep = given().contentType(ContentType.JSON)
                .body("""
                        {"name":"urgent","base":{"preset":"model-2","overrides":{"epochs":1}},
                         "space":{"batchSize":{"choice":[64]}},"method":"grid","priority":5}""")
                .post("/api/sweeps")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        UUID urgent = await().atMost(WAIT)
                .until(() -> sweepRuns(sweep), runs -> runs.size() == 1)
                .get(0);
        TestRuns.publish(kafka, RunEvent.started(ben, 1, TestRuns.secret(ben), "w", "cpu()", 61706, List.of()));
        await().atMost(WAIT).until(() -> handedOut(List.of(urgent)).size() == 1);
        assertThat(handedOut(ana)).as("ana's two older runs still wait").hasSize(2);
    }

    /** Which of these runs the lab has handed to the workers. */
    private static List<UUID> handedOut(List<UUID> runs) {
        return QuarkusTransaction.requiringNew()
                .call(() -> runs.stream()
                        .filter(id -> Run.<Run>findById(id).dispatchedAt != null)
                        .toList());
    }

    private static List<UUID> sweepRuns(String sweep) {
        return given().get("/api/sweeps/" + sweep).jsonPath().getList("trials.runs.id.flatten()", String.class).stream()
                .map(UUID::fromString)
                .toList();
    }
}
