package ai.lenetlab.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process),
 * started from the Kafka jars on this JVM's class path as a child process: the storage is
 * formatted once, then {@code kafka.Kafka} runs. Loopback only. Restartable on the same data, for
 * the fault tests.
 */
public final class KafkaBroker implements AutoCloseable {

    static final String SHARED_SETTINGS = "kafka-broker.properties";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats {@code dir} if new and starts the broker on free ports. */
    public static KafkaBroker start(Path dir) {
        KafkaBroker broker = new KafkaBroker(dir, FreePorts.next(), FreePorts.next());
        broker.start();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized void start() {
        try {
            Files.createDirectories(dir);
            Path config = writeConfig();
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                run(
                        List.of(
                                "kafka.tools.StorageTool",
                                "format",
                                "-t",
                                Uuid.randomUuid().toString(),
                                "-c",
                                config.toString()),
                        Duration.ofMinutes(2));
            }
            process = java(List.of("kafka.Kafka", config.toString()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("kafka.log").toFile()))
                    .start();
            awaitReady(Duration.ofSeconds(90));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka in " + dir, e);
        }
    }

    /** Kills the broker process (like a crash when {@code force}); the data stays. */
    public synchronized void stop(boolean force) {
        if (process == null) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop(false);
    }

    /** The shared broker settings (kafka-broker.properties, also read by ./lenetlab up), then this broker's ports. */
    private Path writeConfig() throws IOException {
        StringBuilder text = new StringBuilder();
        try (InputStream shared = KafkaBroker.class.getResourceAsStream(SHARED_SETTINGS)) {
            if (shared == null) {
                throw new IOException(SHARED_SETTINGS + " is missing from the class path");
            }
            text.append(new String(shared.readAllBytes(), StandardCharsets.UTF_8))
                    .append('\n');
        }
        text.append("controller.quorum.voters=1@127.0.0.1:")
                .append(controllerPort)
                .append('\n')
                .append("listeners=PLAINTEXT://127.0.0.1:")
                .append(port)
                .append(",CONTROLLER://127.0.0.1:")
                .append(controllerPort)
                .append('\n')
                .append("advertised.listeners=PLAINTEXT://127.0.0.1:")
                .append(port)
                .append('\n')
                .append("listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT\n")
                .append("log.dirs=")
                .append(dir.resolve("data"))
                .append('\n');
        return Files.writeString(dir.resolve("server.properties"), text);
    }

    private void run(List<String> mainAndArgs, Duration timeout) throws IOException {
        Process p = java(mainAndArgs)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("kafka.log").toFile()))
                .start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(mainAndArgs.get(0) + " failed; see " + dir.resolve("kafka.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private ProcessBuilder java(List<String> mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m",
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(
                        "Kafka exited with " + process.exitValue() + "; see " + dir.resolve("kafka.log"));
            }
            if (portOpen() && clusterAnswers()) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("Kafka did not start within " + timeout + "; see " + dir.resolve("kafka.log"));
    }

    private boolean portOpen() {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean clusterAnswers() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5000))) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
