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
 * replaced by the next {@code up}, and {@code down} stops it all.
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
        for (String secret : List.of("admin.credentials", "postgres.superuser", "postgres.lenetlab")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(secret))))
                    .as(secret)
                    .isEqualTo("rw-------");
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

        // every port of the system is bound to 127.0.0.1, none to all interfaces
        for (String port : List.of("KAFKA_PORT", "PG_PORT", "SERVICE_PORT", "FRONTEND_PORT")) {
            assertThat(listeners(Integer.parseInt(env.get("LENETLAB_" + port))))
                    .as(port)
                    .containsExactly("127.0.0.1");
        }
        assertThat(listeners(Integer.parseInt(env.get("LENETLAB_WORKER_BASE_PORT")) + 1))
                .as("worker-1")
                .containsExactly("127.0.0.1");

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
