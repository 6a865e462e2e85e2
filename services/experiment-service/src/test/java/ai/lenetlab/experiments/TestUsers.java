package ai.lenetlab.experiments;

import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The API needs a user: tests act as the first admin, whose password the test profile sets. */
public final class TestUsers {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    /** The password of users that tests create. */
    public static final String PASSWORD = "a-long-enough-password";

    private TestUsers() {}

    /** The admin adds a user with {@link #PASSWORD}. */
    public static void create(String name, String role) {
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
    public static io.restassured.specification.RequestSpecification as(String user, String password) {
        return RestAssured.given().auth().preemptive().basic(user, password);
    }

    /** Every RestAssured request from now on signs in as the admin. */
    public static void signInAsAdmin() {
        RestAssured.authentication = RestAssured.preemptive().basic(ADMIN, ADMIN_PASSWORD);
    }

    /** Every RestAssured request from now on signs in as {@code user}, one that {@link #create} made. */
    public static void signInAs(String user) {
        RestAssured.authentication = RestAssured.preemptive().basic(user, PASSWORD);
    }

    public static void signOut() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    /** An Authorization header value for clients other than RestAssured. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
