package ai.lenetlab.system;

import ai.lenetlab.infra.FreePorts;
import ai.lenetlab.infra.KafkaBroker;
import ai.lenetlab.infra.PostgresServer;
import ai.lenetlab.messaging.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Kafka, PostgreSQL, the experiment service and trainer workers, each the real thing in its own
 * process, as {@code ./lenetlab up} runs them. Workers can be added and killed, for fault tests.
 */
final class RunningSystem implements AutoCloseable {

    private static final Path SERVICES = Path.of("..").toAbsolutePath().normalize();

    /** The first admin's password, given to the service so the tests can sign in. */
    static final String ADMIN = "admin";

    static final String ADMIN_PASSWORD = "system-test-admin-password";

    final KafkaBroker kafka;
    final PostgresServer postgres;
    final Path dir;
    final int servicePort = FreePorts.next();
    final int frontendPort = FreePorts.next();
    private Process service;
    private Process frontend;
    private final Map<String, Process> workers = new java.util.LinkedHashMap<>();

    RunningSystem() throws IOException {
        dir = Files.createTempDirectory("lenetlab-system");
        kafka = KafkaBroker.start(dir.resolve("kafka"));
        postgres = PostgresServer.start();
        startService();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + servicePort;
    }

    void startService() {
        Map<String, String> env = new HashMap<>();
        env.put("LENETLAB_DB_URL", postgres.jdbcUrl());
        env.put("LENETLAB_DB_USER", PostgresServer.USER);
        env.put("LENETLAB_DB_PASSWORD", "postgres");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(servicePort));
        env.put("LENETLAB_RUNS_HEARTBEAT_TIMEOUT", "10s");
        env.put("LENETLAB_INITIAL_ADMIN_PASSWORD", ADMIN_PASSWORD);
        service = start(
                "experiment-service",
                SERVICES.resolve("experiment-service/target/quarkus-app/quarkus-run.jar"),
                env,
                List.of("-Xmx384m"));
        awaitReady(baseUrl() + "/q/health/ready", service);
    }

    /** Starts the web frontend (production bundle) against this system's experiment service; returns its URL. */
    String startFrontend() {
        if (frontend == null || !frontend.isAlive()) {
            Map<String, String> env = new HashMap<>();
            env.put("LENETLAB_API", baseUrl());
            env.put("QUARKUS_HTTP_PORT", String.valueOf(frontendPort));
            frontend = start(
                    "frontend",
                    SERVICES.resolve("../frontend/target/quarkus-app/quarkus-run.jar")
                            .normalize(),
                    env,
                    List.of("-Xmx384m"));
            awaitReady(frontendUrl() + "/q/health/ready", frontend);
        }
        return frontendUrl();
    }

    String frontendUrl() {
        return "http://127.0.0.1:" + frontendPort;
    }

    /** Sends the frontend SIGTERM; true when it has exited within {@code limit}. */
    boolean stopFrontend(Duration limit) throws InterruptedException {
        frontend.destroy();
        return frontend.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What a component has logged so far ("frontend", "experiment-service", a worker's id). */
    String log(String name) throws IOException {
        Path file = dir.resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Stops the experiment service (SIGTERM); workers and Kafka go on. */
    void stopService() throws InterruptedException {
        service.destroy();
        service.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the Kafka broker, waits, and starts it again on the same data and ports. */
    void restartKafka(Duration down) throws InterruptedException {
        kafka.stop(false);
        Thread.sleep(down.toMillis());
        kafka.start();
    }

    /** Starts a worker (unless it runs already) and waits until it is ready. */
    void startWorker(String id) {
        if (workers.containsKey(id) && workers.get(id).isAlive()) {
            return;
        }
        int port = FreePorts.next();
        Map<String, String> env = new HashMap<>();
        env.put("LENETLAB_WORKER_ID", id);
        env.put("LENETLAB_WORKER_PORT", String.valueOf(port));
        env.put("OPT_OUT_TRACKING", "true");
        String cache = System.getenv("DJL_CACHE_DIR");
        env.put("DJL_CACHE_DIR", cache != null ? cache : System.getProperty("user.home") + "/.cache/lenetlab/djl");
        Process worker = start(
                id,
                SERVICES.resolve("trainer-worker/target/quarkus-app/quarkus-run.jar"),
                env,
                List.of(
                        "-Xmx768m",
                        "--enable-native-access=ALL-UNNAMED",
                        "-Dai.djl.offline=true",
                        "-Dai.djl.pytorch.num_threads=1",
                        "-Dai.djl.pytorch.num_interop_threads=1"));
        awaitReady("http://127.0.0.1:" + port + "/q/health/ready", worker);
        workers.put(id, worker);
        awaitWorkersGroupStable();
    }

    /**
     * Waits until every running worker is a member of the workers' share group and the group is
     * stable, so that tests know which workers can take the next request.
     */
    private void awaitWorkersGroupStable() {
        long live = workers.values().stream().filter(Process::isAlive).count();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                ShareGroupDescription group = shareGroup(admin);
                if (group != null
                        && group.groupState() == GroupState.STABLE
                        && group.members().size() == live
                        && group.members().stream()
                                .allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                Thread.sleep(250);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the workers' share group did not settle: " + e, e);
        }
        throw new IllegalStateException("the workers' share group did not settle within 60 s");
    }

    /** The workers' share group, or null before the first worker (warmed up) joined it. */
    static ShareGroupDescription shareGroup(Admin admin) throws Exception {
        try {
            return admin.describeShareGroups(List.of(Topics.TRAINERS))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(Topics.TRAINERS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    private Process start(String name, Path jar, Map<String, String> env, List<String> jvmOptions) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package first");
        }
        List<String> command = new ArrayList<>();
        if (name.startsWith("worker")) {
            command.addAll(
                    List.of("nice", "-n", "10")); // as ./lenetlab up runs them: training yields to the UI and the API
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve(name + ".log").toFile()));
        builder.environment().put("LENETLAB_KAFKA", kafka.bootstrapServers());
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady(String url, Process process) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(url + ": the process exited; logs in " + dir);
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(url))
                                                .timeout(Duration.ofSeconds(2))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(url + " not ready within 120 s; logs in " + dir);
    }

    /** SIGTERM, as Kubernetes or a scale-in sends it: the worker shuts down gracefully. */
    void stop(String workerId) throws InterruptedException {
        workers.remove(workerId).destroy();
    }

    /** kill -9 of a worker: no shutdown hook, no goodbye. */
    void kill(String workerId) throws InterruptedException {
        workers.remove(workerId).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        workers.values().forEach(Process::destroy);
        if (frontend != null) {
            frontend.destroyForcibly(); // a hung frontend ignores SIGTERM; tests that check SIGTERM do it themselves
        }
        if (service != null) {
            service.destroy();
        }
        for (Process p : workers.values()) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        kafka.close();
        postgres.close();
    }
}
