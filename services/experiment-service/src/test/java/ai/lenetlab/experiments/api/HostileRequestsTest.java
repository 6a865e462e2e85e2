package ai.lenetlab.experiments.api;

import static ai.lenetlab.experiments.TestUsers.ADMIN;
import static ai.lenetlab.experiments.TestUsers.ADMIN_PASSWORD;
import static ai.lenetlab.experiments.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a browser on another site, a sloppy script or a prober sends: cross-site posts, coerced types,
 * bad query values, forged Host headers, oversized requests. Every refusal is a 4xx with a
 * problem+json body that names no Java class; every answer carries the protective headers.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class HostileRequestsTest {

    private static final String ONE_RUN = """
            {"name":"hostile","runs":[{"preset":"model-2","overrides":{"epochs":1,"trainSamples":256,"testSamples":100}}]}""";

    @BeforeEach
    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    @Test
    void crossSiteFormPostsCannotCancelOrRetry() {
        String run = submit();
        // what a page on another site can send without a CORS preflight: a form post, or a body-less fetch
        admin().header("Origin", "http://evil.example")
                .contentType("application/x-www-form-urlencoded")
                .body("x=1")
                .post("/api/runs/" + run + "/cancel")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("another site"));
        admin().header("Origin", "http://evil.example")
                .post("/api/runs/" + run + "/cancel")
                .then()
                .statusCode(403);
        admin().header("Sec-Fetch-Site", "cross-site")
                .post("/api/runs/" + run + "/retry")
                .then()
                .statusCode(403);
        admin().contentType("text/plain")
                .body("x")
                .post("/api/runs/" + run + "/cancel")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        admin().contentType(ContentType.URLENC)
                .body("name=x")
                .post("/api/experiments")
                .then()
                .statusCode(415);
        given().get("/api/runs/" + run).then().statusCode(401); // nothing happened to it so far:
        admin().get("/api/runs/" + run).then().statusCode(200).body("cancelRequested", equalTo(false));

        // CORS stays closed: a preflight from another site is not granted
        Response preflight = given().header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/runs/" + run + "/cancel");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();

        // scripts (no Origin) and the same origin still work
        String self = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        admin().header("Origin", self)
                .post("/api/runs/" + run + "/cancel")
                .then()
                .statusCode(200);
    }

    @Test
    void typesAreNotGuessed() {
        for (String body : new String[] {
            ONE_RUN.replace("\"epochs\":1", "\"epochs\":\"1\""),
            ONE_RUN.replace("\"epochs\":1", "\"epochs\":1.5"),
            ONE_RUN.replace("\"epochs\":1", "\"epochs\":true"),
            ONE_RUN.replace("}}]}", "},\"seeds\":[1.5]}]}"),
            ONE_RUN.replace("}}]}", "},\"seeds\":[\"1\"]}]}"),
            ONE_RUN.replace("\"name\":\"hostile\"", "\"name\":5"),
            ONE_RUN.replace("\"name\":\"hostile\"", "\"name\":[\"a\"]"),
            // one value per key, and nothing after the object: what was meant is not for the reader to pick
            ONE_RUN.replace("\"name\":\"hostile\"", "\"name\":\"hostile\",\"name\":\"other\""),
            ONE_RUN.replace("\"epochs\":1", "\"epochs\":1,\"epochs\":2"),
            ONE_RUN + " {\"name\":\"second\"}",
            ONE_RUN + "garbage"
        }) {
            problem(admin().contentType(ContentType.JSON).body(body).post("/api/experiments"), 400, body);
        }
    }

    @Test
    void aBodyCutOffInsideAListIsNotValidJsonNotAWrongType() {
        for (String body :
                new String[] {"{\"name\":\"x\",\"runs\":[", "{\"name\":\"x\",\"runs\":[{\"preset\":\"model-2\""}) {
            admin().contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/experiments")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", startsWith("the request body is not valid JSON: it ends early"))
                    .body("violations", nullValue());
        }
    }

    @Test
    void badQueryValuesAre400NotFound() {
        for (String query :
                new String[] {"status=completed", "size=abc", "page=-x", "experiment=not-a-uuid", "size=1e3"}) {
            problem(admin().get("/api/runs?" + query), 400, query);
        }
        admin().get("/api/runs/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        admin().get("/api/compare?runs=x,y").then().statusCode(400).contentType("application/problem+json");
        UUID a = UUID.randomUUID();
        problem(admin().get("/api/compare/difference?a=" + a + "&b=" + a + "&limit=abc"), 400, "limit=abc");
        problem(admin().get("/api/compare/difference?a=" + a + "&b=" + a + "&limit=1.5"), 400, "limit=1.5");
    }

    @Test
    void aMethodARouteDoesNotTakeIs405WithTheMethodsItDoes() {
        for (String[] call : new String[][] {
            {"DELETE", "/api/runs", "GET"},
            {"PUT", "/api/experiments", "GET, POST"},
            {"GET", "/api/me/password", "POST"},
            {"POST", "/api/users/nobody", "DELETE, PATCH"}
        }) {
            Response refused = admin().contentType(ContentType.JSON).body("{}").request(call[0], call[1]);
            problem(refused, 405, call[0] + " " + call[1]);
            assertThat(refused.headers().getValues("Allow"))
                    .as("%s %s", call[0], call[1])
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .satisfies(allow ->
                            assertThat(List.of(allow.split(",\\s*"))).containsAll(List.of(call[2].split(", "))));
        }
    }

    @Test
    void theLocationOfANewExperimentDoesNotFollowAForgedHost() {
        Response created = admin().header("Host", "evil.example")
                .contentType(ContentType.JSON)
                .body(ONE_RUN)
                .post("/api/experiments");
        created.then()
                .statusCode(201)
                .header("Location", not(containsString("evil.example")))
                .header("Location", startsWith("/api/experiments/"));
        admin().get(created.header("Location")).then().statusCode(200);
    }

    @Test
    void oversizedRequestsGetAProblemBody() {
        String huge = "{\"name\":\"" + "a".repeat(1_100_000) + "\",\"runs\":[]}";
        Response tooLarge = admin().contentType(ContentType.JSON).body(huge).post("/api/experiments");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
        problem(admin().get("/api/runs?q=" + "x".repeat(5000)), 414, "a 5,000-character query");
        problem(admin().header("X-Padding", "p".repeat(20_000)).get("/api/runs"), 431, "20 kB of headers");
        admin().get("/api/runs?q=" + "x".repeat(3000)).then().statusCode(200); // within the limits
    }

    @Test
    void errorsNameNoJavaClassesAndAnswersCarryProtectiveHeaders() {
        for (String body : new String[] {
            "{\"name\":",
            "[1,2]",
            "{\"name\":\"x\",\"runs\":[{\"preset\":\"model-2\"," + "\"overrides\":{\"activation\":\"swish\"}}]}",
            "{\"name\":\"x\",\"runs\":{}}",
            "\"text\""
        }) {
            Response refused = admin().contentType(ContentType.JSON).body(body).post("/api/experiments");
            problem(refused, 400, body);
            assertThat(refused.asString()).as(body).doesNotContain("ai.lenetlab", "java.", "`");
        }
        admin().get("/api/runs")
                .then()
                .statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().get("/q/swagger-ui/")
                .then()
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff");
        given().get("/api/runs").then().statusCode(401).header("Cache-Control", containsString("no-store"));
    }

    @Test
    void probingUnknownPathsAddsNoMetricSeries() {
        String probe = "/api/probe-" + UUID.randomUUID();
        given().get(probe).then().statusCode(404);
        as(ADMIN, ADMIN_PASSWORD).get(probe).then().statusCode(404).contentType("application/problem+json");
        assertThat(given().get("/q/metrics").asString()).doesNotContain(probe.substring(5));
    }

    @Test
    void aNulInTheSearchTextOrASweepsNameIsRefusedNot500() {
        problem(admin().queryParam("q", "\u0000").get("/api/runs"), 400, "a NUL in q");
        admin().queryParam("q", "a\u0000b")
                .get("/api/runs")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("q"));
        admin().queryParam("q", "zero\u200Bwidth").get("/api/runs").then().statusCode(400);
        admin().queryParam("q", "Größe — 学习率").get("/api/runs").then().statusCode(200);
        for (String name : List.of("a\u0000b", "zero\u200Bwidth", "rlm\u200F", "\uFEFFbom")) {
            admin().contentType(ContentType.JSON)
                    .body(Map.of(
                            "name",
                            name,
                            "base",
                            Map.of("preset", "model-2"),
                            "space",
                            Map.of("learningRate", Map.of("logUniform", List.of(0.0001, 0.1)))))
                    .post("/api/sweeps")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", equalTo(List.of("name")));
        }
    }

    private static void problem(Response response, int status, String what) {
        assertThat(response.statusCode())
                .as("%s: %s", what, response.asString())
                .isEqualTo(status);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
    }

    private static String submit() {
        return admin().contentType(ContentType.JSON)
                .body(ONE_RUN)
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .path("runs[0].id");
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return as(ADMIN, ADMIN_PASSWORD);
    }
}
