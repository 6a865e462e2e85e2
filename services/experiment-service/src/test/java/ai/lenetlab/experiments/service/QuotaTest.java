package ai.lenetlab.experiments.service;

import static ai.lenetlab.experiments.TestUsers.PASSWORD;
import static ai.lenetlab.experiments.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A researcher cannot fill the shared queue: limits per experiment (400) and per user (429); admins are not limited. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class QuotaTest {

    @BeforeEach
    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    @Test
    void anExperimentOverTheEpochLimitIsRefusedAndStoresNothing() {
        TestUsers.create("quentin", "researcher");
        // 50 seeds × 100 epochs = 5,000 epochs > 4,000
        submit("quentin", 50, 100)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("runs"))
                .body("violations.message", hasItem(containsString("5000 epochs")));
        as("quentin", PASSWORD)
                .queryParam("q", "quota quentin")
                .get("/api/runs")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "0");
        as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body(body("quota admin", 50, 100))
                .post("/api/experiments")
                .then()
                .statusCode(201);
    }

    @Test
    void aResearcherHasRoomForTwoHundredUnfinishedRuns() {
        TestUsers.create("quinn", "researcher");
        for (int i = 0; i < 4; i++) {
            submit("quinn", 50, 1).then().statusCode(201);
        }
        submit("quinn", 1, 1)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("200 runs queued or running"));

        String first = as("quinn", PASSWORD)
                .queryParam("q", "quota quinn")
                .queryParam("size", 1)
                .get("/api/runs")
                .then()
                .statusCode(200)
                .extract()
                .path("[0].id");
        as("quinn", PASSWORD).post("/api/runs/" + first + "/cancel").then().statusCode(200);
        submit("quinn", 1, 1).then().statusCode(201); // the cancelled run made room for one
        as("quinn", PASSWORD).post("/api/runs/" + first + "/retry").then().statusCode(429);
    }

    @Test
    void aSweepOverTheEpochLimitIsRefusedAsAnExperimentIs() {
        TestUsers.create("quark", "researcher");
        // a budget of 4,001 epochs, and (without a budget) 500 trials × 9 epochs = 4,500
        for (String sweep : List.of(
                sweep("quota quark", "\"trials\":500,\"budget\":{\"maxEpochs\":4001}", 9),
                sweep("quota quark", "\"trials\":500", 9))) {
            sweep("quark", sweep)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("budget.maxEpochs"))
                    .body("violations.message", hasItem(containsString("at most 4000")));
        }
        assertThat(sweepsOf("quota quark")).isZero();
        // within the limit the same sweep starts; admins are not limited
        String within = sweep("quark", sweep("quota quark", "\"trials\":500,\"budget\":{\"maxEpochs\":4000}", 9))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("quark", PASSWORD).post("/api/sweeps/" + within + "/cancel").then().statusCode(200);
        String admins = sweep(TestUsers.ADMIN, sweep("quota admin", "\"trials\":500", 9))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
                .post("/api/sweeps/" + admins + "/cancel")
                .then()
                .statusCode(200);
    }

    @Test
    void aSweepsRunsCountAmongTheUnfinishedOnes() {
        TestUsers.create("quill", "researcher");
        for (int i = 0; i < 3; i++) {
            submit("quill", 50, 1).then().statusCode(201);
        }
        submit("quill", 49, 1).then().statusCode(201); // 199 queued: room for one more
        String id = sweep("quill", sweep("quota quill", "\"trials\":10,\"maxConcurrent\":4", 1))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // the sweep would queue 4 runs at once; it gets the one the quota leaves, and waits for room
        await().atMost(Duration.ofSeconds(30)).until(() -> runsOf("quill", id) == 1);
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20)).until(() -> runsOf("quill", id) == 1);
        sweep("quill", sweep("quota quill", "\"trials\":10", 1))
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("200 runs queued or running"));
        as("quill", PASSWORD).post("/api/sweeps/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void onlyAdminsPutASweepBeforeTheQueue() {
        TestUsers.create("quasar", "researcher");
        sweep("quasar", sweep("quota quasar", "\"trials\":1,\"priority\":100", 1))
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("priority"))
                .body("violations.message", hasItem(containsString("at most 0")));
        sweep("quasar", sweep("quota quasar", "\"trials\":1,\"priority\":1", 1))
                .then()
                .statusCode(403);
        assertThat(sweepsOf("quota quasar")).isZero();
        // giving way is everyone's right; going first is an admin's
        String humble = sweep("quasar", sweep("quota quasar", "\"trials\":1,\"priority\":-5", 1))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as("quasar", PASSWORD).post("/api/sweeps/" + humble + "/cancel").then().statusCode(200);
        String urgent = sweep(TestUsers.ADMIN, sweep("quota admin first", "\"trials\":1,\"priority\":100", 1))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
                .post("/api/sweeps/" + urgent + "/cancel")
                .then()
                .statusCode(200);
    }

    private static io.restassured.response.Response sweep(String user, String spec) {
        String password = user.equals(TestUsers.ADMIN) ? TestUsers.ADMIN_PASSWORD : PASSWORD;
        return as(user, password).contentType(ContentType.JSON).body(spec).post("/api/sweeps");
    }

    private static String sweep(String name, String settings, int epochs) {
        return "{\"name\":\"" + name + "\",\"base\":{\"preset\":\"model-2\",\"overrides\":{\"epochs\":" + epochs
                + ",\"trainSamples\":256,\"testSamples\":100}},"
                + "\"space\":{\"learningRate\":{\"logUniform\":[0.0001,0.1]}},\"method\":\"random\"," + settings + "}";
    }

    private static long sweepsOf(String name) {
        return as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).get("/api/sweeps").jsonPath().getList("name").stream()
                .filter(name::equals)
                .count();
    }

    private static int runsOf(String user, String sweep) {
        return as(user, PASSWORD).get("/api/sweeps/" + sweep).jsonPath().getInt("runs");
    }

    private static io.restassured.response.Response submit(String user, int seeds, int epochs) {
        return as(user, PASSWORD)
                .contentType(ContentType.JSON)
                .body(body("quota " + user, seeds, epochs))
                .post("/api/experiments");
    }

    private static String body(String name, int seeds, int epochs) {
        String seedList =
                LongStream.rangeClosed(1, seeds).mapToObj(Long::toString).collect(Collectors.joining(","));
        return "{\"name\":\"" + name + "\",\"runs\":[{\"preset\":\"model-2\",\"seeds\":[" + seedList + "],"
                + "\"overrides\":{\"epochs\":" + epochs + ",\"trainSamples\":256,\"testSamples\":100}}]}";
    }
}
