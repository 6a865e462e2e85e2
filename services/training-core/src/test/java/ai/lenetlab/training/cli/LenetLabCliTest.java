package ai.lenetlab.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.training.RealDataset;
import ai.lenetlab.training.report.RunOutputs;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LenetLabCliTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = LenetLab.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void trainWritesMetricsChartsAndModel(@TempDir Path out) throws Exception {
        RealDataset.get();
        int exit = run("train", "--preset", "model-2", "--epochs", "2", "--train-samples", "1024",
                "--test-samples", "200", "--seed", "3", "--out", out.toString());

        assertThat(exit).as(err.toString()).isZero();
        JsonNode metrics = RunOutputs.JSON.readTree(out.resolve("metrics.json").toFile());
        assertThat(metrics.path("config").path("optimizer").asText()).isEqualTo("adam");
        assertThat(metrics.path("config").path("epochs").asInt()).isEqualTo(2);
        assertThat(metrics.path("device").asText()).isEqualTo("cpu()");
        assertThat(metrics.path("parameters").asLong()).isEqualTo(61_706);
        assertThat(metrics.path("layers")).hasSize(12);
        assertThat(metrics.path("epochs")).hasSize(2);
        assertThat(metrics.path("epochs").get(1).fieldNames()).toIterable().containsExactly("epoch", "trainLoss",
                "trainAccuracy", "testLoss", "testAccuracy", "learningRate", "seconds", "examplesPerSecond");
        assertThat(metrics.path("confusionMatrix")).hasSize(10);
        assertThat(metrics.path("predictions").get(0).path("pixels").asText()).isNotEmpty();
        assertThat(ImageIO.read(out.resolve("curves.png").toFile()).getWidth()).isEqualTo(900);
        assertThat(ImageIO.read(out.resolve("confusion.png").toFile()).getHeight()).isEqualTo(720);
        assertThat(ImageIO.read(out.resolve("predictions.png").toFile()).getWidth()).isEqualTo(8 * 128);
        assertThat(Files.size(out.resolve("model.params"))).isGreaterThan(61_706L * 4);
    }

    @Test
    void badArgumentsExitWithTwoAndAClearMessage(@TempDir Path out) {
        assertThat(run("train", "--epochs", "0", "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("epochs: must be between 1 and 200, was 0");

        assertThat(run("train", "--preset", "model-9", "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown preset 'model-9'");

        assertThat(run("train", "--epochs", "many", "--out", out.toString())).isEqualTo(2);
        assertThat(run("train", "--preset", "d2l")).as("--out is required").isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void missingDataFolderIsExplainedWithoutAStackTrace(@TempDir Path empty) {
        int exit = run("train", "--data-dir", empty.toString(), "--out", empty.resolve("out").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("does not hold the four Fashion-MNIST files")
                .doesNotContain("\tat ai.lenetlab");
    }

    @Test
    void presetsAndSummaryRun() {
        assertThat(run("presets")).isZero();
        assertThat(run("presets", "--json")).isZero();
        assertThat(run("summary", "--preset", "lenet-modern")).isZero();
        assertThat(run("summary", "--preset", "d2l", "--kernel-size", "4")).isEqualTo(2);
    }
}
