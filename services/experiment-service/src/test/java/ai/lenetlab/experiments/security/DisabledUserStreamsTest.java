package ai.lenetlab.experiments.security;

import static ai.lenetlab.experiments.TestUsers.PASSWORD;
import static ai.lenetlab.experiments.TestUsers.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.experiments.domain.LabUser;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An event stream is authenticated once, when it opens, and may then run for hours: disabling its user
 * must end it, seen by a real server-sent events client.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class DisabledUserStreamsTest {

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    @Test
    void disablingAUserEndsTheirOpenEventStreamsWithinSeconds() throws Exception {
        TestUsers.create("sven", "viewer");
        TestUsers.signInAsAdmin(); // TestRuns submits as the admin
        HttpClient http = HttpClient.newHttpClient();
        EventStream svens = EventStream.open(http, TestUsers.basic("sven", PASSWORD));
        EventStream admins = EventStream.open(http, TestUsers.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD));
        try {
            cancelANewRun("seen by sven");
            await().atMost(Duration.ofSeconds(20)).until(() -> svens.events() > 0 && admins.events() > 0);

            as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
                    .contentType(ContentType.JSON)
                    .body("{\"disabled\":true}")
                    .patch("/api/users/sven")
                    .then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(svens.ended::isDone);
            int heard = svens.events();
            int adminHeard = admins.events();
            cancelANewRun("not seen by sven");
            await().atMost(Duration.ofSeconds(20)).until(() -> admins.events() > adminHeard);
            assertThat(svens.events()).isEqualTo(heard);
            assertThat(admins.ended).as("only sven's stream ends").isNotDone();
            assertThat(EventStream.open(http, TestUsers.basic("sven", PASSWORD)).status)
                    .as("and cannot be opened again")
                    .isEqualTo(401);
        } finally {
            svens.close();
            admins.close();
        }
    }

    @Test
    void aUserDisabledThroughAnotherReplicaLosesTheirStreamsToo() throws Exception {
        TestUsers.create("tove", "viewer");
        EventStream toves = EventStream.open(HttpClient.newHttpClient(), TestUsers.basic("tove", PASSWORD));
        try {
            assertThat(toves.status).isEqualTo(200);
            // what another replica's PATCH leaves in the database; this one hears nothing of it
            QuarkusTransaction.requiringNew().run(() -> LabUser.byName("tove").orElseThrow().disabled = true);
            await().atMost(Duration.ofSeconds(10)).until(toves.ended::isDone);
        } finally {
            toves.close();
        }
    }

    /** A change every stream hears: a new run, cancelled. */
    private static void cancelANewRun(String name) {
        UUID run = TestRuns.submit(name, 1).get(0);
        given().post("/api/runs/" + run + "/cancel").then().statusCode(200);
    }

    /** A server-sent events client on {@code /api/events}, as a browser's EventSource would be. */
    private record EventStream(int status, AtomicInteger data, CompletableFuture<Void> ended, Thread reader) {

        static EventStream open(HttpClient http, String authorization) throws Exception {
            HttpResponse<Stream<String>> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/api/events"))
                            .header("Authorization", authorization)
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            AtomicInteger data = new AtomicInteger();
            CompletableFuture<Void> ended = new CompletableFuture<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (Stream<String> lines = response.body()) {
                    lines.filter(line -> line.startsWith("data:")).forEach(line -> data.incrementAndGet());
                } catch (RuntimeException e) {
                    // closed by the test
                }
                ended.complete(null);
            });
            return new EventStream(response.statusCode(), data, ended, reader);
        }

        int events() {
            return data.get();
        }

        void close() {
            reader.interrupt();
        }
    }
}
