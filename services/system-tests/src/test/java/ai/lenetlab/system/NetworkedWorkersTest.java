package ai.lenetlab.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.lenetlab.infra.FreePorts;
import ai.lenetlab.infra.KafkaTestClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workers on other machines, without other machines: two hosts in network namespaces (veth pairs on
 * a bridge; no traffic leaves this machine) join a lab started with {@code ./lenetlab up --workers 0
 * --listen ADDR}. Runs spread over both hosts; cutting one host's link mid-run re-queues its run on
 * the other, which completes it with every epoch once; the cut host, back on the network, drops the
 * attempt it lost and nothing it sends changes the run; a worker with a wrong password is refused.
 */
class NetworkedWorkersTest {

    private static final String NET = "10.213.77.";
    private static final String LAB = NET + "1";
    private static final String BRIDGE = "llab-br0";
    private static final List<String> HOSTS = List.of("llab-b", "llab-c");
    private static final Duration WAIT = Duration.ofMinutes(3);

    private Path home;
    private final Map<String, String> env = new HashMap<>();
    private final List<Process> workers = new ArrayList<>();
    private String api;

    @BeforeEach
    void network() throws Exception {
        Prerequisites.datasetMissing().ifPresent(Assumptions::abort);
        Prerequisites.networkNamespacesMissing().ifPresent(Assumptions::abort);
        tearDownNetwork();
        run("ip", "link", "add", BRIDGE, "type", "bridge");
        run("ip", "addr", "add", LAB + "/24", "dev", BRIDGE);
        run("ip", "link", "set", BRIDGE, "up");
        for (int i = 0; i < HOSTS.size(); i++) {
            String ns = HOSTS.get(i);
            run("ip", "netns", "add", ns);
            run("ip", "link", "add", ns + "-br", "type", "veth", "peer", "name", "eth0", "netns", ns);
            run("ip", "link", "set", ns + "-br", "master", BRIDGE, "up");
            inHost(ns, "ip", "addr", "add", NET + (i + 2) + "/24", "dev", "eth0");
            inHost(ns, "ip", "link", "set", "eth0", "up");
            inHost(ns, "ip", "link", "set", "lo", "up");
        }
        home = Files.createTempDirectory("lenetlab-lab");
        env.put("LENETLAB_HOME", home.toString());
        for (String port : List.of(
                "KAFKA_PORT",
                "KAFKA_CONTROLLER_PORT",
                "KAFKA_EXTERNAL_PORT",
                "PG_PORT",
                "SERVICE_PORT",
                "FRONTEND_PORT")) {
            env.put("LENETLAB_" + port, String.valueOf(FreePorts.next()));
        }
        env.put("LENETLAB_WORKER_BASE_PORT", String.valueOf(FreePorts.next()));
        env.put("LENETLAB_RUNS_HEARTBEAT_TIMEOUT", "10s"); // a cut-off worker's run is re-queued after 10 s
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process worker : workers) {
            worker.destroy();
            if (!worker.waitFor(15, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
        }
        if (home != null) {
            Lenetlab.run(env, "down");
        }
        tearDownNetwork();
    }

    @Test
    void workersOnOtherHostsShareTheRunsSurviveALinkCutAndNeedTheirPassword() throws Exception {
        String up = Lenetlab.run(env, "up", "--workers", "0", "--listen", LAB);
        String join = LAB + ":" + env.get("LENETLAB_KAFKA_EXTERNAL_PORT");
        assertThat(up).contains("./lenetlab worker --join " + join);
        api = "http://" + LAB + ":" + env.get("LENETLAB_SERVICE_PORT");
        Path credentials = home.resolve("worker.credentials");

        // an intruder with a made-up password is refused by Kafka
        Path forged = Files.writeString(Files.createTempFile("forged", ".credentials"), "lenetlab-worker:guessed\n");
        Path intruderLog = startWorker("llab-c", "intruder", join, forged, 8091);
        await().atMost(WAIT).until(() -> Files.readString(intruderLog).contains("Authentication failed"));
        assertThat(ready("llab-c", 8091))
                .as("the intruder's worker is not ready")
                .isFalse();
        workers.remove(workers.size() - 1).destroyForcibly().waitFor(15, TimeUnit.SECONDS);

        Map<String, Path> logs = Map.of(
                "host-b",
                startWorker("llab-b", "host-b", join, credentials, 8090),
                "host-c",
                startWorker("llab-c", "host-c", join, credentials, 8090));
        await().atMost(WAIT)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> ready("llab-b", 8090) && ready("llab-c", 8090));
        awaitBothWorkersHoldPartitions();

        // four short runs on the one partition both workers read: while one trains, the other takes the next
        List<String> runs = submit("spread", 4, 2, 2048);
        await().atMost(WAIT)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> runs.stream().allMatch(this::completed));
        Set<String> trainedOn = runs.stream()
                .map(id -> details(id).getString("workerId"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(trainedOn).containsExactly("host-b", "host-c");

        // one longer run; cut its host's link after its first epoch
        String run = submit("cut", 1, 6, 8192).get(0);
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> details(run).getList("epochs").size() >= 1);
        String first = details(run).getString("workerId");
        String cutHost = first.equals("host-b") ? "llab-b" : "llab-c";
        String other = first.equals("host-b") ? "host-c" : "host-b";
        inHost(cutHost, "ip", "link", "set", "eth0", "down");
        try {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> completed(run));
        } finally {
            inHost(cutHost, "ip", "link", "set", "eth0", "up");
        }
        JsonPath done = details(run);
        assertThat(done.getString("workerId")).isEqualTo(other);
        assertThat(done.getInt("attempt")).isEqualTo(2);
        assertThat(done.getList("epochs.epoch", Integer.class)).containsExactly(1, 2, 3, 4, 5, 6);

        // the cut host gave up the attempt it lost and sent no result for it, whenever its link came back
        await().atMost(WAIT)
                .until(() -> Files.readString(logs.get(first)).contains("run " + run + " attempt 1 given up"));
        try (KafkaTestClient kafka = new KafkaTestClient("127.0.0.1:" + env.get("LENETLAB_KAFKA_PORT"), adminLogin())) {
            List<String> finals = kafka
                    .afterConsumed(
                            "experiment-service",
                            "lenetlab.run-events",
                            "lenetlab.run-events",
                            r -> r.key().equals(run)
                                    && r.value().contains("\"attempt\":1")
                                    && r.value().matches(".*\"type\":\"(COMPLETED|FAILED|RELEASED|CANCELLED)\".*"),
                            WAIT)
                    .stream()
                    .map(r -> r.value())
                    .toList();
            assertThat(finals).as("final events of the lost attempt").isEmpty();
        }
        JsonPath after = details(run);
        assertThat(after.getString("status")).isEqualTo("COMPLETED");
        assertThat(after.getString("workerId")).isEqualTo(other);
        assertThat(after.getList("epochs.epoch", Integer.class)).containsExactly(1, 2, 3, 4, 5, 6);
    }

    private void awaitBothWorkersHoldPartitions() throws IOException {
        Map<String, Object> config = new HashMap<>(adminLogin());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + env.get("LENETLAB_KAFKA_PORT"));
        try (Admin admin = Admin.create(config)) {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                ShareGroupDescription group = RunningSystem.shareGroup(admin);
                return group != null
                        && group.groupState() == GroupState.STABLE
                        && group.members().size() == 2
                        && group.members().stream()
                                .map(ShareMemberDescription::assignment)
                                .allMatch(a -> !a.topicPartitions().isEmpty());
            });
        }
    }

    /** Kafka's admin (a super user), as ./lenetlab up made it. */
    private Map<String, Object> adminLogin() throws IOException {
        return ai.lenetlab.infra.KafkaAccess.scramLogin(home.resolve("kafka-admin.credentials"));
    }

    private List<String> submit(String name, int seeds, int epochs, int trainSamples) {
        String seedList = java.util.stream.IntStream.rangeClosed(1, seeds)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(","));
        return admin().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"runs\":[{\"preset\":\"model-2\","
                        + "\"seeds\":[" + seedList + "],\"overrides\":{\"epochs\":" + epochs + ",\"trainSamples\":"
                        + trainSamples + ",\"testSamples\":500}}]}")
                .post(api + "/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getList("runs.id");
    }

    private boolean completed(String run) {
        String status = details(run).getString("status");
        assertThat(status).as("run %s", run).isNotIn("FAILED", "CANCELLED");
        return "COMPLETED".equals(status);
    }

    private JsonPath details(String run) {
        return admin().get(api + "/api/runs/" + run)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private RequestSpecification admin() {
        try {
            String[] user =
                    Files.readString(home.resolve("admin.credentials")).strip().split(":", 2);
            return given().auth().preemptive().basic(user[0], user[1]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ./lenetlab worker --join} inside a host's namespace, with a state folder of its own. */
    private Path startWorker(String ns, String id, String join, Path credentials, int port) throws IOException {
        Path log = Files.createTempFile("worker-" + id, ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        "ip",
                        "netns",
                        "exec",
                        ns,
                        Lenetlab.ROOT.resolve("lenetlab").toString(),
                        "worker",
                        "--join",
                        join,
                        "--credentials",
                        credentials.toString(),
                        "--id",
                        id,
                        "--port",
                        String.valueOf(port))
                .directory(Lenetlab.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment()
                .put(
                        "LENETLAB_HOME",
                        Files.createTempDirectory("lenetlab-" + id).toString());
        builder.environment().put("LENETLAB_WORKER_LOST_AFTER", "10s"); // the lab's heartbeat timeout here
        workers.add(builder.start());
        return log;
    }

    private static boolean ready(String ns, int port) throws Exception {
        return new ProcessBuilder(
                                "ip",
                                "netns",
                                "exec",
                                ns,
                                "curl",
                                "-fs",
                                "-m",
                                "3",
                                "-o",
                                "/dev/null",
                                "http://127.0.0.1:" + port + "/q/health/ready")
                        .start()
                        .waitFor()
                == 0;
    }

    private static void tearDownNetwork() throws Exception {
        for (String ns : HOSTS) {
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor();
        }
        new ProcessBuilder("ip", "link", "del", BRIDGE).start().waitFor();
    }

    private static void inHost(String ns, String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
        return output;
    }
}
