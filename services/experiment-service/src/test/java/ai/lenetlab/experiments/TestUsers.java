package ai.lenetlab.experiments;

import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The API needs a user: tests act as the first admin, whose password the test profile sets. */
final class TestUsers {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-password-for-tests";

    /** The password of users that tests create. */
    static final String PASSWORD = "a-long-enough-password";

    private TestUsers() {}

    /** The admin adds a user with {@link #PASSWORD}. */
    static void create(String name, String role) {
        RestAssured.given()
                .auth()
                .preemptive()
                .basic(ADMIN, ADMIN_PASSWORD)
                .contentType("application/json")
                .body("{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role + "\"}")
                .post("/api/users")
                .then()
                .statusCode(201);
    }

    /** A request signed in as {@code user}. */
    static io.restassured.specification.RequestSpecification as(String user, String password) {
        return RestAssured.given().auth().preemptive().basic(user, password);
    }

    /** Every RestAssured request from now on signs in as the admin. */
    static void signInAsAdmin() {
        RestAssured.authentication = RestAssured.preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }

    static void signOut() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    /** An Authorization header value for clients other than RestAssured. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
