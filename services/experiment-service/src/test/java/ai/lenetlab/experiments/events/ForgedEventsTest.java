package ai.lenetlab.experiments.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.experiments.domain.EpochMetricRow;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.RunResult;
import ai.lenetlab.messaging.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: a process that can write to the events topic forged a queued run's result (COMPLETED at
 * 99.99 %, its model served to everyone), and a running one's with the worker id the API shows. Events
 * without the attempt's secret, sent by a plain kafka-clients producer to the real broker, must change
 * nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class ForgedEventsTest extends BrokerTest {

    @Test
    void eventsWithoutTheAttemptsSecretChangeNothing() {
        List<UUID> runs = TestRuns.submit("forged", 2);
        UUID queued = runs.get(0);
        UUID running = runs.get(1);
        TestRuns.secret(queued); // handed out to the workers, not started
        TestRuns.publish(
                kafka, RunEvent.started(running, 1, TestRuns.secret(running), "worker-a", "cpu()", 61706, List.of()));
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/api/runs/" + running).then().body("status", equalTo("RUNNING")));
        String workerShown =
                given().get("/api/runs/" + running).then().extract().path("workerId");
        double refusedBefore = refused();

        // a guess of the right form (128 random bits, base64url), and none at all
        String guess = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);
        int sent = 0;
        for (String secret : Arrays.asList(guess, null)) {
            for (UUID run : runs) {
                TestRuns.publish(kafka, RunEvent.started(run, 1, secret, workerShown, "cpu()", 61706, List.of()));
                TestRuns.publish(
                        kafka,
                        RunEvent.epochCompleted(
                                run,
                                1,
                                secret,
                                workerShown,
                                new EpochMetrics(1, 0.01, 0.9999, 0.01, 0.9999, 0.01, 1, 1)));
                TestRuns.publish(kafka, RunEvent.completed(run, 1, secret, workerShown, forgedResult()));
                sent += 3;
            }
        }
        // the service has handled every forged event: no sleep standing in for it
        kafka.afterConsumed("experiment-service", Topics.RUN_EVENTS, Topics.RUN_EVENTS, r -> false, WAIT);

        given().get("/api/runs/" + queued)
                .then()
                .body("status", equalTo("QUEUED"))
                .body("workerId", org.hamcrest.Matchers.nullValue())
                .body("epochs", org.hamcrest.Matchers.empty());
        given().get("/api/runs/" + running)
                .then()
                .body("status", equalTo("RUNNING"))
                .body("workerId", equalTo("worker-a"))
                .body("epochs", org.hamcrest.Matchers.empty())
                .body("modelAvailable", equalTo(false));
        for (UUID run : runs) {
            given().get("/api/runs/" + run + "/model").then().statusCode(404);
        }
        assertThat(QuarkusTransaction.requiringNew().<Long>call(() -> EpochMetricRow.count("key.runId in ?1", runs)))
                .isZero();
        assertThat(refused() - refusedBefore).isEqualTo(sent);
    }

    private static RunResult forgedResult() {
        int[][] confusion = new int[10][10];
        for (int i = 0; i < 10; i++) {
            confusion[i][i] = 1000;
        }
        byte[] model = "forged parameters".getBytes(StandardCharsets.UTF_8);
        return new RunResult(
                confusion,
                java.util.Collections.nCopies(10, 0.9999),
                List.of(),
                1.0,
                Base64.getEncoder().encodeToString(model),
                null,
                null,
                null);
    }

    private static double refused() {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile(
                        "(?m)^lenetlab_run_events_refused_total(?:\\{[^}]*})? (\\S+)$")
                .matcher(given().get("/q/metrics").asString());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
