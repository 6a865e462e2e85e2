package ai.lenetlab.experiments.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.experiments.domain.Experiment;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.infra.KafkaTestClient;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.RunRequest;
import ai.lenetlab.messaging.Topics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST contract against a real PostgreSQL and a real Kafka broker. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class ExperimentApiTest {

    @BeforeEach
    void signIn() {
        TestUsers.signInAsAdmin();
    }

    @Test
    void submittingAnExperimentQueuesOneRunPerSeedAndPublishesTheirRequests() {
        ValidatableResponse created = given().contentType(ContentType.JSON)
                .body("""
                {"name":"adam vs sgd","description":"seeds","runs":[
                  {"preset":"model-2","overrides":{"epochs":1,"trainSamples":512},"seeds":[1,2,3]},
                  {"config":%s}]}""".formatted(MessageCodec.encode(ai.lenetlab.contracts.Presets.D2L)))
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/experiments/"))
                .body("name", equalTo("adam vs sgd"))
                .body("runs", hasSize(4))
                .body("runs.status", everyItemIs("QUEUED"))
                .body("runs[0].preset", equalTo("model-2"))
                .body("runs.seed", equalTo(List.of(1, 2, 3, 1)));
        String runId = created.extract().path("runs[1].id");

        given().get("/api/runs/" + runId)
                .then()
                .statusCode(200)
                .body("status", equalTo("QUEUED"))
                .body("attempt", equalTo(1))
                .body("config.epochs", equalTo(1))
                .body("config.trainSamples", equalTo(512))
                .body("config.seed", equalTo(2))
                .body("config.optimizer", equalTo("adam"));

        try (KafkaTestClient kafka =
                new KafkaTestClient(KafkaAndPostgresResource.kafka().bootstrapServers())) {
            var record = kafka.await(Topics.RUN_REQUESTS, r -> r.key().equals(runId), Duration.ofSeconds(30));
            RunRequest request = MessageCodec.decodeRequest(record.value());
            assertThat(request.attempt()).isEqualTo(1);
            assertThat(request.config().seed()).isEqualTo(2);
        }
        given().get("/api/experiments").then().statusCode(200).body("name", hasItem("adam vs sgd"));
        given().get("/api/runs?status=QUEUED&size=2").then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void invalidExperimentsAreRefusedFieldByFieldAndNothingIsStored() {
        long before = QuarkusTransaction.requiringNew().<Long>call(() -> Experiment.count());

        given().contentType(ContentType.JSON)
                .body("""
                {"name":"","runs":[{"preset":"model-2","overrides":{"epochs":0,"learningRate":20}},
                  {"preset":"model-9"}, {"preset":"d2l","seeds":[-1]}]}""")
                .post("/api/experiments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body(
                        "violations.field",
                        containsInAnyOrder(
                                "name",
                                "runs[0].overrides.epochs",
                                "runs[0].overrides.learningRate",
                                "runs[1].preset",
                                "runs[2].seeds[0]"));

        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"runs\":[{\"preset\":\"d2l\"}],\"colour\":1}")
                .post("/api/experiments")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("colour"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"runs\":[{\"preset\":\"d2l\",\"seeds\":\"many\"}]}")
                .post("/api/experiments")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("runs[0].seeds"));
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"runs\":[{\"preset\":\"d2l\",\"overrides\":{\"epoch\":2}}]}")
                .post("/api/experiments")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("runs[0].overrides.epoch"));
        given().contentType(ContentType.JSON)
                .body("{not json")
                .post("/api/experiments")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"runs\":[{\"preset\":\"d2l\",\"seeds\":["
                        + "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,"
                        + "31,32,33,34,35,36,37,38,39,40]},{\"preset\":\"d2l\",\"seeds\":["
                        + "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,"
                        + "31,32,33,34,35,36,37,38,39,40]},"
                        + "{\"preset\":\"model-1\",\"seeds\":[" + "1,".repeat(49) + "1]},"
                        + "{\"preset\":\"model-1\",\"seeds\":[" + "1,".repeat(49) + "1]},"
                        + "{\"preset\":\"model-1\",\"seeds\":[" + "1,".repeat(49) + "1]}]}")
                .post("/api/experiments")
                .then()
                .statusCode(400)
                .body("violations[0].message", org.hamcrest.Matchers.containsString("at most 200"));

        assertThat(QuarkusTransaction.requiringNew().<Long>call(() -> Experiment.count()))
                .isEqualTo(before);
    }

    @Test
    void theRunListPagesSortsAndFiltersOnTheServer() {
        for (String body : List.of(
                "{\"name\":\"Zeta listing A\",\"runs\":[{\"preset\":\"model-2\",\"seeds\":[1,2,3]}]}",
                "{\"name\":\"zeta listing b\",\"runs\":[{\"preset\":\"d2l\"}]}")) {
            given().contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/experiments")
                    .then()
                    .statusCode(201);
        }
        var all = given().queryParam("q", "ZETA listing")
                .get("/api/runs?size=2")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "4")
                .extract();
        assertThat(all.jsonPath().getList("experimentName")).containsExactly("zeta listing b", "Zeta listing A");

        assertThat(given().queryParam("q", "zeta listing")
                        .get("/api/runs?sort=preset&size=10")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("preset"))
                .containsExactly("d2l", "model-2", "model-2", "model-2");
        assertThat(given().queryParam("q", "zeta listing")
                        .get("/api/runs?sort=-preset&size=10")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("preset"))
                .containsExactly("model-2", "model-2", "model-2", "d2l");
        assertThat(given().queryParam("q", "zeta listing")
                        .get("/api/runs?sort=createdAt&page=1&size=3")
                        .then()
                        .statusCode(200)
                        .header("X-Total-Count", "4")
                        .extract()
                        .jsonPath()
                        .getList("experimentName"))
                .containsExactly("zeta listing b");
        given().queryParam("q", "zeta%")
                .get("/api/runs")
                .then()
                .statusCode(200)
                .header("X-Total-Count", "0"); // % is a letter
        given().get("/api/runs?q=zeta&status=RUNNING").then().statusCode(200).header("X-Total-Count", "0");
        given().get("/api/runs?sort=colour")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("sort"));
    }

    @Test
    void hiddenCharactersAndHugePagesAreRefusedNot500() {
        long before = QuarkusTransaction.requiringNew().<Long>call(() -> Experiment.count());
        for (String name : List.of(
                "nul\u0000name",
                "ansi \u001b[31mred",
                "rtl \u202Egnp.exe",
                "zero\u200Bwidth",
                "rlm\u200F",
                "\uFEFFbom")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("name", name, "runs", List.of(Map.of("preset", "d2l"))))
                    .post("/api/experiments")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", containsInAnyOrder("name"));
        }
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "x", "description", "a\u0000b", "runs", List.of(Map.of("preset", "d2l"))))
                .post("/api/experiments")
                .then()
                .statusCode(400)
                .body("violations.field", containsInAnyOrder("description"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "x", "description", "two\nlines\tand a tab", "runs", List.of(Map.of("preset", "d2l"))))
                .post("/api/experiments")
                .then()
                .statusCode(201);
        given().get("/api/runs?page=4294968&size=500").then().statusCode(400).contentType("application/problem+json");
        assertThat(QuarkusTransaction.requiringNew().<Long>call(() -> Experiment.count()))
                .isEqualTo(before + 1);
    }

    @Test
    void unknownIdsAnswer404AsProblems() {
        given().get("/api/runs/7d4c3b6a-0000-4000-8000-000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/experiments/7d4c3b6a-0000-4000-8000-000000000000")
                .then()
                .statusCode(404);
        given().get("/api/runs/not-a-uuid").then().statusCode(404);
    }

    @Test
    void presetsOpenApiHealthAndMetricsAreServed() {
        given().get("/api/presets")
                .then()
                .statusCode(200)
                .body(
                        "id",
                        equalTo(List.of(
                                "d2l", "model-1", "model-2", "model-3", "model-4", "lenet-modern", "lenet-fast")))
                .body("[2].config.optimizer", equalTo("adam"));
        given().get("/q/openapi").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/api/compare"));
        // choices as the API reads them, not Java's names (a user copying "ADAMW" would get a 400)
        io.restassured.path.json.JsonPath openApi =
                given().get("/q/openapi?format=json").jsonPath();
        assertThat(openApi.getList("components.schemas.OptimizerType.enum"))
                .containsExactly("sgd", "sgd-momentum", "adam", "adamw");
        assertThat(openApi.getList("components.schemas.Method.enum")).containsExactly("grid", "random", "tpe");
        assertThat(openApi.getList("components.schemas.RunStatus.enum")).contains("QUEUED", "PRUNED");
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }
}
