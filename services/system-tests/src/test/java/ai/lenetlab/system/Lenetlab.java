package ai.lenetlab.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The {@code ./lenetlab} command as a user runs it, with a test's own state folder, ports and settings. */
final class Lenetlab {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private Lenetlab() {}

    /** Runs it with {@code env} added; fails when it exits non-zero or takes over 5 min. Returns what it printed. */
    static String run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("lenetlab").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        System.out.println("./lenetlab " + String.join(" ", args) + "\n" + output);
        assertThat(process.exitValue())
                .as("./lenetlab " + String.join(" ", args) + " exit code\n" + output)
                .isZero();
        return output;
    }
}
