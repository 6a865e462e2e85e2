package ai.lenetlab.experiments.service;

import static ai.lenetlab.experiments.TestUsers.PASSWORD;
import static ai.lenetlab.experiments.TestUsers.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
