package ai.lenetlab.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sweeps on the real system — two trainer workers, Kafka, PostgreSQL, the service as a process — on
 * small subsets: ASHA stops the hopeless trials at the first rung while the service is restarted
 * mid-sweep, and a colleague's single run starts long before a 50-run sweep is through.
 */
class SweepFlowTest {

    private static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        if (Prerequisites.datasetMissing().isPresent()) {
            return;
        }
        system = new RunningSystem();
        system.startWorker("worker-a");
        system.startWorker("worker-b");
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
    void ashaStopsTheHopelessTrialsAtTheFirstRungAcrossAServiceRestart() throws Exception {
        // 6 learning rates × 2 seeds, 3 epochs on 1,024 images; the last three cannot learn in 3 epochs.
        // One trial at a time; the service goes down while the first trains, so every later trial is
        // proposed, and judged, by the restarted one (a run that ends while no service runs cannot be
        // stopped early: that is what a restart costs).
        String id = create("""
                {"name":"asha on real workers",
                 "base":{"preset":"model-2","overrides":{"epochs":3,"trainSamples":1024,"testSamples":200}},
                 "space":{"learningRate":{"choice":[0.003,0.002,0.001,0.000001,0.0000005,0.0000002]}},
                 "method":"grid","seedsPerTrial":2,"maxConcurrent":2,
                 "earlyStopping":{"rule":"asha","minEpochs":1,"reductionFactor":3}}""");
        await().atMost(Duration.ofMinutes(2))
                .until(() -> sweep(id).getList("trials[0].runs.status").contains("RUNNING"));
        system.stopService();
        system.startService(); // the sweep's decisions and queue are in PostgreSQL
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> "COMPLETED".equals(sweep(id).getString("status")));

        JsonPath sweep = sweep(id);
        assertThat(sweep.getList("trials")).hasSize(6);
        for (int hopeless = 3; hopeless < 6; hopeless++) {
            assertThat(sweep.getString("trials[" + hopeless + "].status"))
                    .as("trial %d", hopeless)
                    .isEqualTo("PRUNED");
            assertThat(sweep.getString("trials[" + hopeless + "].stopReason"))
                    .as("why, in GET /api/sweeps/{id}")
                    .startsWith("stopped early at epoch 1 (asha): its ");
            for (String run : sweep.getList("trials[" + hopeless + "].runs.id", String.class)) {
                // judged at the rung; its worker hears within a batch, so it may have finished the
                // epoch it was in — never the last, which would have saved nothing
                given().get("/api/runs/" + run)
                        .then()
                        .body("status", equalTo("PRUNED"))
                        .body("error", startsWith("stopped early at epoch 1 (asha): its "))
                        .body("epochs.size()", lessThan(3));
            }
        }
        assertThat(sweep.getList("trials.status")).contains("COMPLETED");
        assertThat(sweep.getInt("bestTrial")).as("a learning rate that learns").isLessThan(3);
        assertThat(sweep.getInt("epochs")).as("pruning saved epochs").isLessThan(6 * 2 * 3);
        System.out.printf(
                "ASHA sweep: %d epochs trained of %d; by trial %s%n",
                sweep.getInt("epochs"), 6 * 2 * 3, sweep.getList("trials.epochs"));
    }

    @Test
    void aColleaguesRunStartsLongBeforeAFiftyRunSweepIsThrough() {
        given().auth()
                .preemptive()
                .basic(RunningSystem.ADMIN, RunningSystem.ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"colleague\",\"password\":\"a-long-enough-password\",\"role\":\"researcher\"}")
                .post("/api/users")
                .then()
                .statusCode(201);
        String id = create("""
                {"name":"fifty runs",
                 "base":{"preset":"model-2","overrides":{"epochs":1,"trainSamples":256,"testSamples":100}},
                 "space":{"learningRate":{"logUniform":[0.0005,0.005]}},
                 "method":"random","trials":25,"seedsPerTrial":2,"maxConcurrent":50}""");
        await().atMost(Duration.ofMinutes(1)).until(() -> sweep(id).getInt("runs") == 50);

        String run = given().auth()
                .preemptive()
                .basic("colleague", "a-long-enough-password")
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"my one run","runs":[{"preset":"model-2",
                          "overrides":{"epochs":1,"trainSamples":256,"testSamples":100}}]}""")
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .path("runs[0].id");
        await().atMost(Duration.ofMinutes(3))
                .until(() -> "COMPLETED"
                        .equals(given().get("/api/runs/" + run).jsonPath().getString("status")));
        Instant colleagueStarted =
                Instant.parse(given().get("/api/runs/" + run).jsonPath().getString("startedAt"));

        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> "COMPLETED".equals(sweep(id).getString("status")));
        List<Map<String, Object>> sweepRuns = sweep(id).getList("trials.runs.flatten()");
        long startedAfter = sweepRuns.stream()
                .filter(r -> Instant.parse((String) r.get("startedAt")).isAfter(colleagueStarted))
                .count();
        System.out.printf("a colleague's run started before %d of the sweep's 50 runs%n", startedAfter);
        // at most the 12 runs in flight when it was submitted (and those already training) went first
        assertThat(startedAfter).isGreaterThanOrEqualTo(20);
    }

    private static String create(String spec) {
        return given().contentType(ContentType.JSON)
                .body(spec)
                .post("/api/sweeps")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static JsonPath sweep(String id) {
        return given().get("/api/sweeps/" + id).then().statusCode(200).extract().jsonPath();
    }
}
