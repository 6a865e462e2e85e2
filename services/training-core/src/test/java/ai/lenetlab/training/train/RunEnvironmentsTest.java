package ai.lenetlab.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunEnvironment;
import ai.lenetlab.contracts.Sha256;
import ai.lenetlab.dataset.DatasetFile;
import ai.lenetlab.dataset.FashionMnistLoader;
import ai.lenetlab.training.RealDataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** A run records what it ran on; each value checked against where it comes from. */
class RunEnvironmentsTest {

    @Test
    void aRunRecordsItsEnvironment() throws Exception {
        RunEnvironment env = new TrainingRun(
                        Presets.MODEL_2.toBuilder()
                                .epochs(1)
                                .trainSamples(256)
                                .testSamples(100)
                                .build(),
                        RealDataset.get())
                .run()
                .environment();

        assertThat(env.device()).isEqualTo("cpu()");
        assertThat(env.labVersion()).isEqualTo("1.0.0-SNAPSHOT"); // the pom's
        String head = git("rev-parse", "HEAD");
        if (head != null) { // built in a clone: the commit it was built from
            assertThat(env.labCommit()).startsWith(head);
        } else {
            assertThat(env.labCommit()).isEqualTo(RunEnvironments.UNKNOWN);
        }
        assertThat(env.jdk()).startsWith(Runtime.version().toString());
        assertThat(env.djl()).isEqualTo("0.36.0"); // the pom's djl.version and pytorch.version
        assertThat(env.libtorch()).isEqualTo("2.7.1");
        assertThat(env.intraOpThreads()).isPositive();
        assertThat(env.cpu()).endsWith(", " + Runtime.getRuntime().availableProcessors() + " cores");
        String cpuInfo = Files.isReadable(Path.of("/proc/cpuinfo")) ? Files.readString(Path.of("/proc/cpuinfo")) : "";
        if (cpuInfo.contains("model name")) {
            assertThat(cpuInfo).contains(env.cpu().substring(0, env.cpu().lastIndexOf(", ")));
        }
        // the SHA-256 of the files this machine trained on, decompressed, computed here
        assertThat(env.datasetSha256()).hasSize(4);
        for (DatasetFile file : DatasetFile.values()) {
            Path path = FashionMnistLoader.find(RealDataset.dir(), file);
            byte[] bytes;
            try (InputStream in = path.toString().endsWith(".gz")
                    ? new GZIPInputStream(Files.newInputStream(path))
                    : Files.newInputStream(path)) {
                bytes = in.readAllBytes();
            }
            assertThat(env.datasetSha256()).containsEntry(file.baseName(), Sha256.hex(bytes));
        }
        assertThat(env.rows()).containsKeys("labCommit", "cpu", "datasetSha256.t10k-images-idx3-ubyte");
    }

    /** git's answer, or null where there is no git or no clone. */
    private static String git(String... args) throws InterruptedException {
        try {
            var command = new java.util.ArrayList<String>();
            command.add("git");
            command.addAll(java.util.List.of(args));
            Process git = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null;
        }
    }
}
