package ai.lenetlab.experiments.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.experiments.domain.LabUser;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users kept apart: sign-in on every API call, roles per endpoint, researchers act on their own runs only. */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class SecurityTest {

    private static final String PASSWORD = "a-long-enough-password";
    private static final String EXPERIMENT = """
            {"name":"mine","runs":[{"preset":"model-2","overrides":{"epochs":1,"trainSamples":256,"testSamples":100}}]}""";

    /** Each test starts signed out, whatever another test class left in RestAssured's global settings. */
    @BeforeEach
    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    @Test
    void theApiNeedsAUserButProbesDoNot() {
        given().get("/api/runs").then().statusCode(401);
        given().auth()
                .preemptive()
                .basic(TestUsers.ADMIN, "wrong password")
                .get("/api/runs")
                .then()
                .statusCode(401);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/experiments")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().get("/api/events").then().statusCode(401);
        given().get("/api/no-such-thing").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
        as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("username", equalTo("admin"))
                .body("role", equalTo("admin"));
    }

    @Test
    void adminsAddUsersWithValidatedFieldsAndBcryptHashes() {
        createUser("carol", "viewer");
        as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"carol\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}")
                .post("/api/users")
                .then()
                .statusCode(409);
        as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"X\",\"password\":\"short\",\"role\":\"king\"}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("username"))
                .body("violations.field", hasItem("password"))
                .body("violations.field", hasItem("role"));
        as("carol", PASSWORD).get("/api/users").then().statusCode(403);

        String hash = QuarkusTransaction.requiringNew()
                .call(() -> LabUser.byName("carol").orElseThrow().passwordHash);
        assertThat(hash)
                .matches("\\$2[aby]?\\$12\\$.{53}")
                .doesNotContain(PASSWORD); // bcrypt, cost 12 as the README says
    }

    @Test
    void viewersReadButDoNotSubmit() {
        createUser("victor", "viewer");
        as("victor", PASSWORD).get("/api/runs").then().statusCode(200);
        as("victor", PASSWORD).get("/api/presets").then().statusCode(200);
        as("victor", PASSWORD)
                .contentType(ContentType.JSON)
                .body(EXPERIMENT)
                .post("/api/experiments")
                .then()
                .statusCode(403);
        String run = submitAs(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        as("victor", PASSWORD).post("/api/runs/" + run + "/cancel").then().statusCode(403);
        as("victor", PASSWORD).post("/api/runs/" + run + "/retry").then().statusCode(403);
        as("victor", PASSWORD).get("/api/runs/" + run).then().statusCode(200).body("cancelRequested", equalTo(false));
    }

    @Test
    void researchersDoNotManageUsers() {
        createUser("ruth", "researcher");
        as("ruth", PASSWORD).get("/api/users").then().statusCode(403);
        as("ruth", PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"mallory\",\"password\":\"" + PASSWORD + "\",\"role\":\"admin\"}")
                .post("/api/users")
                .then()
                .statusCode(403);
        as("ruth", PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"role\":\"admin\"}")
                .patch("/api/users/ruth")
                .then()
                .statusCode(403);
        as("ruth", PASSWORD).get("/api/me").then().body("role", equalTo("researcher"));
        as("mallory", PASSWORD).get("/api/me").then().statusCode(401);
    }

    @Test
    void researchersCancelAndRetryOnlyTheirOwnRunsAdminsAny() {
        createUser("rita", "researcher");
        createUser("rolf", "researcher");
        String run = submitAs("rita", PASSWORD);

        as("rolf", PASSWORD)
                .post("/api/runs/" + run + "/cancel")
                .then()
                .statusCode(403)
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("rita")));
        as("rita", PASSWORD)
                .post("/api/runs/" + run + "/cancel")
                .then()
                .statusCode(200)
                .body("cancelRequested", equalTo(true));
        as("rolf", PASSWORD).post("/api/runs/" + run + "/retry").then().statusCode(403);
        as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
                .post("/api/runs/" + run + "/retry")
                .then()
                .statusCode(200)
                .body("attempt", equalTo(2));
    }

    @Test
    void usersChangeTheirOwnPassword() {
        createUser("paula", "viewer");
        as("paula", PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"password\":\"short\"}")
                .post("/api/me/password")
                .then()
                .statusCode(400);
        as("paula", PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"password\":\"another-long-password\"}")
                .post("/api/me/password")
                .then()
                .statusCode(204);
        as("paula", PASSWORD).get("/api/me").then().statusCode(401);
        as("paula", "another-long-password").get("/api/me").then().statusCode(200);
    }

    /** Submits a one-run experiment as this user; the run's id. */
    private static String submitAs(String user, String password) {
        return as(user, password)
                .contentType(ContentType.JSON)
                .body(EXPERIMENT)
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .path("runs[0].id");
    }

    private static void createUser(String name, String role) {
        as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}")
                .post("/api/users")
                .then()
                .statusCode(201)
                .body("role", equalTo(role));
    }

    private static RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password);
    }
}
