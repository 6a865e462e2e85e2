package ai.lenetlab.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lenetlab.infra.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./lenetlab up}, {@code status}, {@code down} as a user runs them (in a state folder and on
 * ports of their own): everything listens on loopback only, PostgreSQL wants passwords and the
 * service's role is no superuser, a process that runs but does not answer is reported unhealthy and
 * replaced by the next {@code up}, and {@code down} stops it all. Kafka wants a password on every
 * listener and its ACLs decide who writes what (issue 21: any local process could forge results).
 */
class LocalStackTest {

    private Path home;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void prerequisites() throws IOException {
        Prerequisites.datasetMissing().ifPresent(Assumptions::abort);
        home = Files.createTempDirectory("lenetlab-home");
        env.put("LENETLAB_HOME", home.toString());
        for (String port : List.of("KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "PG_PORT", "SERVICE_PORT", "FRONTEND_PORT")) {
            env.put("LENETLAB_" + port, String.valueOf(FreePorts.next()));
        }
        env.put("LENETLAB_WORKER_BASE_PORT", String.valueOf(FreePorts.next()));
        env.put("LENETLAB_START_GRACE", "0"); // a process that does not answer counts as hung at once
    }

    @AfterEach
    void down() throws Exception {
        if (home != null) { // never the user's own .lenetlab
            Lenetlab.run(env, "down");
        }
    }

    @Test
    void upStartsALoopbackOnlySystemWithPasswordsAndReplacesWhatHangs() throws Exception {
        String up = Lenetlab.run(env, "up");
        assertThat(up).contains("frontend", "experiment-service", "worker-1").doesNotContain("stopped");

        // secrets: generated, readable by the owner only
        for (String secret : List.of(
                "admin.credentials",
                "postgres.superuser",
                "postgres.lenetlab",
                "kafka-admin.credentials",
                "kafka-service.credentials",
                "kafka-controller.credentials",
                "worker.credentials",
                "kafka/server.properties")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(secret))))
                    .as(secret)
                    .isEqualTo("rw-------");
        }
        // logs hold user names, run ids and the broker's and services' chatter: the owner's alone too
        Path logs = home.resolve("logs");
        assertThat(groupOrOthersMay(logs)).as("logs/").isEmpty();
        try (var files = Files.list(logs)) {
            assertThat(files.toList())
                    .isNotEmpty()
                    .allSatisfy(log -> assertThat(groupOrOthersMay(log))
                            .as(log.getFileName().toString())
                            .isEmpty());
        }

        // PostgreSQL: no way in without a password; the service's role may not run programs or read files
        String db = "jdbc:postgresql://127.0.0.1:" + env.get("LENETLAB_PG_PORT") + "/lenetlab";
        assertThatThrownBy(() -> DriverManager.getConnection(db, "postgres", "").close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() ->
                        DriverManager.getConnection(db, "postgres", "guess").close())
                .hasMessageContaining("password authentication failed");
        try (Connection service = DriverManager.getConnection(
                        db,
                        "lenetlab",
                        Files.readString(home.resolve("postgres.lenetlab")).strip());
                Statement sql = service.createStatement()) {
            try (ResultSet role = sql.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                assertThat(role.next() && !role.getBoolean(1))
                        .as("the service's role is not a superuser")
                        .isTrue();
            }
            assertThatThrownBy(() -> sql.execute("COPY (SELECT 1) TO PROGRAM 'true'"))
                    .hasMessageContaining("superuser");
            assertThatThrownBy(() -> sql.execute("SELECT pg_read_file('" + home.resolve("admin.credentials") + "')"))
                    .hasMessageContaining("permission denied");
        }

        // Kafka's data and logs are the owner's alone
        try (var files = Files.walk(home.resolve("kafka"))) {
            assertThat(files.filter(f -> !Files.isSymbolicLink(f)).map(LocalStackTest::groupOrOthersMay))
                    .isNotEmpty()
                    .allMatch(String::isEmpty);
        }
        assertThat(groupOrOthersMay(home.resolve("logs/kafka.log"))).isEmpty();

        // Kafka: nobody in without a password, on any listener; a worker may write events, never requests
        String kafka = "127.0.0.1:" + env.get("LENETLAB_KAFKA_PORT");
        String controller = "127.0.0.1:" + env.get("LENETLAB_KAFKA_CONTROLLER_PORT");
        assertThatThrownBy(() -> send(kafka, Map.of(), "lenetlab.run-events"))
                .as("no password")
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        assertThatThrownBy(() -> {
                    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                            "bootstrap.controllers",
                            controller,
                            "default.api.timeout.ms",
                            5000,
                            "request.timeout.ms",
                            4000))) {
                        admin.describeCluster().clusterId().get(15, java.util.concurrent.TimeUnit.SECONDS);
                    }
                })
                .as("no password, at the controller (which a plaintext one answers)")
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        Map<String, Object> worker = ai.lenetlab.infra.KafkaAccess.scramLogin(home.resolve("worker.credentials"));
        assertThatThrownBy(() -> send(kafka, worker, "lenetlab.run-requests"))
                .as("a worker writing a run request")
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(kafka, worker, "lenetlab.run-control"))
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
        assertThatThrownBy(() -> send(
                        kafka,
                        ai.lenetlab.infra.KafkaAccess.scramLogin(home.resolve("kafka-service.credentials")),
                        "lenetlab.run-events"))
                .as("the service writing a run event")
                .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TopicAuthorizationException.class);
        send(kafka, worker, "lenetlab.dead-letter"); // the worker's password is right: refused by the ACLs alone

        // and the lab still trains: a run submitted through the API completes on the local worker
        String[] admin =
                Files.readString(home.resolve("admin.credentials")).strip().split(":", 2);
        var api = io.restassured.RestAssured.given()
                .baseUri("http://127.0.0.1:" + env.get("LENETLAB_SERVICE_PORT"))
                .auth()
                .preemptive()
                .basic(admin[0], admin[1]);
        String run = api.contentType(io.restassured.http.ContentType.JSON)
                .body("{\"name\":\"stack\",\"runs\":[{\"preset\":\"model-2\",\"seeds\":[1],\"overrides\":"
                        + "{\"epochs\":1,\"trainSamples\":512,\"testSamples\":256}}]}")
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .path("runs[0].id");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofMinutes(3))
                .pollInterval(java.time.Duration.ofSeconds(1))
                .until(() -> "COMPLETED"
                        .equals(io.restassured.RestAssured.given()
                                .baseUri("http://127.0.0.1:" + env.get("LENETLAB_SERVICE_PORT"))
                                .auth()
                                .preemptive()
                                .basic(admin[0], admin[1])
                                .get("/api/runs/" + run)
                                .path("status")));

        // every port of the system is bound to 127.0.0.1, none to all interfaces
        for (String port : List.of("KAFKA_PORT", "PG_PORT", "SERVICE_PORT", "FRONTEND_PORT")) {
            assertThat(listeners(Integer.parseInt(env.get("LENETLAB_" + port))))
                    .as(port)
                    .containsExactly("127.0.0.1");
        }
        assertThat(listeners(Integer.parseInt(env.get("LENETLAB_WORKER_BASE_PORT")) + 1))
                .as("worker-1")
                .containsExactly("127.0.0.1");

        // a second worker: the first restarts with half the cores; up alone keeps both; --workers 1 stops one
        String two = Lenetlab.run(env, "up", "--workers", "2");
        assertThat(two).contains("restarting worker-1 with its share of the cores (workers here: 2)");
        assertThat(line(two, "worker-2")).contains("running");
        String again = Lenetlab.run(env, "up");
        assertThat(again).doesNotContain("restarting", "stopped worker");
        assertThat(line(again, "worker-2")).contains("running");
        String one = Lenetlab.run(env, "up", "--workers", "1");
        assertThat(one)
                .contains("stopped worker-2", "restarting worker-1 with its share of the cores (workers here: 1)");
        assertThat(line(one, "worker-2")).as("status lists no worker-2").startsWith("(no line");

        // a frontend that runs but answers nothing is unhealthy, and the next up replaces it
        long hung = Long.parseLong(
                Files.readString(home.resolve("pids/frontend.pid")).trim());
        new ProcessBuilder("kill", "-STOP", String.valueOf(hung)).start().waitFor();
        assertThat(line(Lenetlab.run(env, "status"), "frontend"))
                .startsWith("frontend")
                .contains("unhealthy");
        up = Lenetlab.run(env, "up");
        long replaced = Long.parseLong(
                Files.readString(home.resolve("pids/frontend.pid")).trim());
        assertThat(replaced).isNotEqualTo(hung);
        assertThat(line(up, "frontend")).contains("running");
        assertThat(gone(hung)).as("the hung frontend was stopped").isTrue();

        long start = System.nanoTime();
        String down = Lenetlab.run(env, "down");
        assertThat(down)
                .contains(
                        "stopped frontend",
                        "stopped experiment-service",
                        "stopped worker-1",
                        "stopped kafka",
                        "stopped postgres")
                .doesNotContain("did not stop");
        System.out.printf(Locale.ROOT, "./lenetlab down: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** One record to {@code topic}, as a plain kafka-clients producer with {@code login}; throws if refused. */
    private static void send(String bootstrap, Map<String, Object> login, String topic) throws Exception {
        Map<String, Object> config = new HashMap<>(login);
        config.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        config.put(org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        config.put(org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        var serializer = new org.apache.kafka.common.serialization.StringSerializer();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(config, serializer, serializer)) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "forged", "{}"))
                    .get(15, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** What group and others may do with a file ("" for nothing). */
    private static String groupOrOthersMay(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
                    .substring(3)
                    .replace("-", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The addresses a TCP port listens on, from /proc/net/tcp and tcp6 (0.0.0.0 or :: for all). */
    private static List<String> listeners(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String row : Files.readAllLines(Path.of(table))
                    .subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] f = row.trim().split("\\s+");
                String[] local = f[1].split(":");
                if ("0A".equals(f[3]) && Integer.parseInt(local[1], 16) == port) { // 0A: LISTEN
                    addresses.add(
                            switch (local[0]) {
                                case "0100007F", "0000000000000000FFFF00000100007F" ->
                                    "127.0.0.1"; // also as IPv4-mapped IPv6
                                case "00000000" -> "0.0.0.0";
                                case "00000000000000000000000000000000" -> "::";
                                case "00000000000000000000000001000000" -> "::1";
                                default -> local[0];
                            });
                }
            }
        }
        return addresses;
    }

    /** No such process, or only its exit status left for a parent to collect (a zombie). */
    private static boolean gone(long pid) throws IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) {
            return true;
        }
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
    }

    private static String line(String output, String name) {
        return output.lines().filter(l -> l.startsWith(name + " ")).findFirst().orElse("(no line for " + name + ")");
    }
}
