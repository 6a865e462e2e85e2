package ai.lenetlab.experiments.security;

import static ai.lenetlab.experiments.TestUsers.PASSWORD;
import static ai.lenetlab.experiments.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in as an attacker tries it: guessing (slowed down per name, without locking out the user's open
 * sessions), probing which names exist (unknown names cost as much as known ones), malformed names,
 * and what admins do about users (disable, change the role, delete).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class SignInTest {

    @BeforeEach
    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    @Test
    void guessingAPasswordDoesNotEndTheUsersOpenSessions() throws Exception {
        TestUsers.create("gina", "researcher");
        as("gina", PASSWORD).get("/api/me").then().statusCode(200);
        as("gina", "a wrong guess 0").get("/api/me").then().statusCode(401);

        double remembered = signIns("remembered");
        ExecutorService guessers = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> guesses = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                String guess = "a wrong guess " + i;
                guesses.add(
                        guessers.submit(() -> as("gina", guess).get("/api/me").statusCode()));
            }
            as("gina", PASSWORD).get("/api/me").then().statusCode(200).body("username", equalTo("gina"));
            assertThat(signIns("remembered"))
                    .as("gina's call answered from the remembered sign-in, no new check")
                    .isEqualTo(remembered + 1);
            for (Future<Integer> guess : guesses) {
                assertThat(guess.get())
                        .as("wrong, or refused while the checks' slots are taken")
                        .isIn(401, 503);
            }
        } finally {
            guessers.shutdownNow();
        }
    }

    @Test
    void aGuesserOnAnotherAccountOfTheMachineCannotLockTheUserOut() throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "needs root to guess as another OS user (setpriv); CI runs as root");
        TestUsers.create("mira", "researcher"); // never signed in: no remembered or last-worked password
        List<String> guesses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            guesses.add("guess " + i);
        }
        guesses.add(PASSWORD);
        assertThat(asNobody("mira", guesses))
                .as("5 free failures, then the guesser's tries wait, even with the right password: no oracle")
                .containsExactly(401, 401, 401, 401, 401, 429, 429);
        as("mira", PASSWORD).get("/api/me").then().statusCode(200).body("username", equalTo("mira"));
    }

    @Test
    void aFloodOfUnknownNamesIsRefusedFastAndTheAdminIsStillServed() throws Exception {
        // java.net.http sends the flood from a few threads: the test's client must not be what loads the machine
        HttpClient http = HttpClient.newHttpClient();
        String admin = TestUsers.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        assertThat(me(http, admin).join().statusCode()).isEqualTo(200);
        Thread.sleep(3300); // the remembered sign-in lapses (3 s in tests): each call below is checked with bcrypt
        long alone = millis(me(http, admin)); // one check on this machine, as loaded as it is now
        Thread.sleep(3300);

        long start = System.nanoTime();
        List<CompletableFuture<long[]>> flood = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            flood.add(me(http, TestUsers.basic("flood-" + i + "-" + System.nanoTime(), "guess"))
                    .thenApply(answer -> {
                        if (answer.statusCode() == 503) {
                            assertThat(answer.headers().firstValue("Content-Type"))
                                    .hasValueSatisfying(
                                            type -> assertThat(type).startsWith("application/problem+json"));
                            assertThat(answer.headers().firstValue("Retry-After"))
                                    .isPresent();
                        }
                        return new long[] {answer.statusCode(), (System.nanoTime() - start) / 1_000_000};
                    }));
        }
        long beside = millis(me(http, admin));
        List<long[]> answers = flood.stream().map(CompletableFuture::join).toList();

        long busy = answers.stream().filter(a -> a[0] == 503).count();
        long last = answers.stream().mapToLong(a -> a[1]).max().orElseThrow();
        assertThat(answers).allSatisfy(a -> assertThat(a[0]).isIn(401L, 503L));
        assertThat(busy).as("checks beyond the slots are refused unchecked").isGreaterThan(25);
        // 50 checks, all made, would take 25 checks' time on 2 cores
        assertThat(last)
                .as("the whole flood answered (ms; %d refused; one check alone %d ms)", busy, alone)
                .isLessThan(8 * alone + 1000);
        assertThat(beside)
                .as("the admin's check beside the flood (ms; alone %d ms)", alone)
                .isLessThan(4 * alone + 500);
    }

    @Test
    void peopleSigningInForTheFirstTimeTogetherWaitAMomentInsteadOfBeingRefused() {
        // more first sign-ins at once than there are slots for strangers (one on 2 cores): they queue briefly
        List<String> people = List.of("first-pia", "first-quin", "first-rosa", "first-tove");
        people.forEach(name -> TestUsers.create(name, "viewer"));
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> signIns = people.stream()
                .map(name -> me(http, TestUsers.basic(name, TestUsers.PASSWORD)))
                .toList();
        assertThat(signIns.stream().map(CompletableFuture::join).map(HttpResponse::statusCode))
                .as("each of them gets in")
                .containsOnly(200);
    }

    private static CompletableFuture<HttpResponse<String>> me(HttpClient http, String authorization) {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/api/me"))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How long {@code call} takes to answer 200. */
    private static long millis(CompletableFuture<HttpResponse<String>> call) {
        long start = System.nanoTime();
        assertThat(call.join().statusCode()).isEqualTo(200);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void eachFailureBeyondTheFreeOnesMakesTheNextTryWait() {
        TestUsers.create("hugo", "viewer");
        for (int i = 0; i < 5; i++) {
            as("hugo", "guess number " + i).get("/api/me").then().statusCode(401);
        }
        double checks = signIns("wrong") + signIns("verified");
        Response refused = as("hugo", PASSWORD).get("/api/me");
        refused.then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", containsString("too many failed sign-ins"))
                .header("Retry-After", "1");
        assertThat(signIns("wrong") + signIns("verified"))
                .as("a throttled try is not checked at all")
                .isEqualTo(checks);

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> as("hugo", PASSWORD).get("/api/me").statusCode() == 200);
        // a success starts the count again
        for (int i = 0; i < 5; i++) {
            as("hugo", "guess number " + i).get("/api/me").then().statusCode(401);
        }
        as("hugo", "guess number 5").get("/api/me").then().statusCode(429);
    }

    @Test
    void thePasswordThatLastWorkedIsNotMadeToWait() throws InterruptedException {
        TestUsers.create("lena", "researcher");
        as("lena", PASSWORD).get("/api/me").then().statusCode(200);
        for (int i = 0; i < 5; i++) {
            as("lena", "guess number " + i).get("/api/me").then().statusCode(401);
        }
        Thread.sleep(3500); // the remembered sign-in lapses (3 s in tests): the next call is checked again
        as("lena", "guess number 5").get("/api/me").then().statusCode(401); // now 2 s to wait
        as("lena", "guess number 6").get("/api/me").then().statusCode(429);
        double verified = signIns("verified");
        as("lena", PASSWORD).get("/api/me").then().statusCode(200);
        assertThat(signIns("verified"))
                .as("checked with bcrypt, not remembered")
                .isEqualTo(verified + 1);
        // a success clears the count; the guesser starts again from the free failures
        for (int i = 0; i < 5; i++) {
            as("lena", "guess number " + i).get("/api/me").then().statusCode(401);
        }
        as("lena", "guess number 5").get("/api/me").then().statusCode(429);
    }

    @Test
    void unknownNamesAreCheckedAndThrottledLikeKnownOnes() {
        TestUsers.create("ivan", "viewer");
        long known = medianMillis("ivan");
        long unknown = medianMillis("nobody-of-that-name");
        assertThat(unknown)
                .as("an unknown name takes about as long as a known one (%d ms vs %d ms)", unknown, known)
                .isGreaterThan(known / 3);
        for (int i = 3; i < 5; i++) {
            as("nobody-of-that-name", "guess " + i).get("/api/me").then().statusCode(401);
        }
        as("nobody-of-that-name", "guess 5").get("/api/me").then().statusCode(429);
    }

    @Test
    void malformedNamesAndMissingCredentialsAreAProblemNotACrash() {
        for (String name :
                List.of("a\u0000b", "x".repeat(2000), "ADMIN", "'; drop table app_user; --", "\u202eadmin")) {
            Response refused = as(name, "whatever password").get("/api/me");
            refused.then().statusCode(401).contentType("application/problem+json");
            assertThat(refused.headers().getValues("WWW-Authenticate"))
                    .as("exactly one challenge")
                    .singleElement(STRING)
                    .matches("(?i)basic realm=\"LeNet Lab\"");
        }
        Response anonymous = given().get("/api/runs");
        anonymous.then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        assertThat(anonymous.headers().getValues("WWW-Authenticate"))
                .singleElement(STRING)
                .matches("(?i)basic realm=\"LeNet Lab\"");
        given().header("Authorization", "Basic !!!not-base64")
                .get("/api/runs")
                .then()
                .statusCode(401);
        TestUsers.create("jane", "viewer");
        Response wrongPassword = as("jane", "not jane's password").get("/api/me");
        wrongPassword.then().statusCode(401).contentType("application/problem+json");
        assertThat(wrongPassword.headers().getValues("WWW-Authenticate"))
                .as("a wrong password of a known user: exactly one challenge")
                .singleElement(STRING)
                .matches("(?i)basic realm=\"LeNet Lab\"");
        as("jane", PASSWORD)
                .get("/api/users")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void adminsDisableReenableChangeTheRoleOfAndDeleteUsers() {
        TestUsers.create("dora", "researcher");
        as("dora", PASSWORD).get("/api/me").then().statusCode(200).body("role", equalTo("researcher"));

        admin().body("{\"disabled\":true}")
                .patch("/api/users/dora")
                .then()
                .statusCode(200)
                .body("disabled", equalTo(true));
        as("dora", PASSWORD).get("/api/me").then().statusCode(401);
        admin().body("{\"disabled\":false,\"role\":\"viewer\"}")
                .patch("/api/users/dora")
                .then()
                .statusCode(200)
                .body("role", equalTo("viewer"))
                .body("disabled", equalTo(false));
        as("dora", PASSWORD).get("/api/me").then().statusCode(200).body("role", equalTo("viewer"));
        as("dora", PASSWORD)
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/experiments")
                .then()
                .statusCode(403);

        // an explicit null is no change the API can apply: refused, not read as "leave it"
        for (String explicitNull : List.of(
                "{\"disabled\":null}",
                "{\"role\":\"researcher\",\"disabled\":null}",
                "{\"role\":null,\"disabled\":true}")) {
            admin().body(explicitNull)
                    .patch("/api/users/dora")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem(explicitNull.contains("\"role\":null") ? "role" : "disabled"));
        }
        as("dora", PASSWORD).get("/api/me").then().statusCode(200).body("role", equalTo("viewer"));

        admin().body("{\"role\":\"king\"}")
                .patch("/api/users/dora")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("role"));
        admin().body("{\"role\":\"viewer\"}")
                .patch("/api/users/nobody-of-that-name")
                .then()
                .statusCode(404);
        admin().body("{\"role\":\"viewer\"}")
                .patch("/api/users/" + TestUsers.ADMIN)
                .then()
                .statusCode(409);
        admin().body("{\"disabled\":true}")
                .patch("/api/users/" + TestUsers.ADMIN)
                .then()
                .statusCode(409);
        as("dora", PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"disabled\":false}")
                .patch("/api/users/dora")
                .then()
                .statusCode(403);

        admin().delete("/api/users/dora").then().statusCode(204);
        as("dora", PASSWORD).get("/api/me").then().statusCode(401);
        admin().delete("/api/users/" + TestUsers.ADMIN).then().statusCode(409);

        TestUsers.create("emil", "researcher");
        as("emil", PASSWORD)
                .contentType(ContentType.JSON)
                .body("""
                {"name":"emil's","runs":[{"preset":"model-2","overrides":{"epochs":1,"trainSamples":256,"testSamples":100}}]}""")
                .post("/api/experiments")
                .then()
                .statusCode(201);
        admin().delete("/api/users/emil").then().statusCode(409).body("detail", containsString("disable"));
    }

    @Test
    void passwordsThatBcryptWouldCutAreRefused() {
        String seventyThreeBytes = "é".repeat(36) + "x"; // 36 × 2 + 1 bytes, 37 characters
        admin().body("{\"username\":\"kurt\",\"password\":\"" + seventyThreeBytes + "\",\"role\":\"viewer\"}")
                .post("/api/users")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("password"))
                .body("violations.message", hasItem(containsString("72 bytes")));
        admin().body("{\"username\":\"kurt\",\"password\":\"" + seventyThreeBytes.substring(1)
                        + "\",\"role\":\"viewer\"}")
                .post("/api/users")
                .then()
                .statusCode(201);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).contentType(ContentType.JSON);
    }

    /**
     * The statuses of {@code GET /api/me} with each password, sent by one curl as OS user nobody: another
     * client on this machine.
     */
    private static List<Integer> asNobody(String name, List<String> passwords) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "curl"));
        for (String password : passwords) {
            if (command.size() > 5) {
                command.add("--next");
            }
            command.addAll(List.of(
                    "-s",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code}\\n",
                    "-u",
                    name + ":" + password,
                    "http://127.0.0.1:" + RestAssured.port + "/api/me"));
        }
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes()).trim();
        assertThat(curl.waitFor()).as("curl: %s", out).isZero();
        return out.lines().map(Integer::parseInt).toList();
    }

    /** The median time of three wrong sign-ins for {@code name}. */
    private static long medianMillis(String name) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            as(name, "guess " + i).get("/api/me").then().statusCode(401);
            times.add((System.nanoTime() - start) / 1_000_000);
        }
        return times.stream().sorted().toList().get(1);
    }

    /** How many sign-ins ended with {@code outcome}, from the Prometheus scrape. */
    private static double signIns(String outcome) {
        Matcher value = Pattern.compile("(?m)^lenetlab_sign_ins_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$")
                .matcher(given().get("/q/metrics").asString());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
