package ai.lenetlab.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.training.RealDataset;
import ai.lenetlab.training.report.RunOutputs;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
        int exit = run(
                "train",
                "--preset",
                "model-2",
                "--epochs",
                "2",
                "--train-samples",
                "1024",
                "--test-samples",
                "200",
                "--seed",
                "3",
                "--out",
                out.toString());

        assertThat(exit).as(err.toString()).isZero();
        JsonNode metrics = RunOutputs.JSON.readTree(out.resolve("metrics.json").toFile());
        assertThat(metrics.path("config").path("optimizer").asText()).isEqualTo("adam");
        assertThat(metrics.path("config").path("epochs").asInt()).isEqualTo(2);
        assertThat(metrics.path("device").asText()).isEqualTo("cpu()");
        assertThat(metrics.path("parameters").asLong()).isEqualTo(61_706);
        assertThat(metrics.path("layers")).hasSize(12);
        assertThat(metrics.path("epochs")).hasSize(2);
        assertThat(metrics.path("epochs").get(1).fieldNames())
                .toIterable()
                .containsExactly(
                        "epoch",
                        "trainLoss",
                        "trainAccuracy",
                        "testLoss",
                        "testAccuracy",
                        "learningRate",
                        "seconds",
                        "examplesPerSecond");
        assertThat(metrics.path("confusionMatrix")).hasSize(10);
        assertThat(metrics.path("predictions").get(0).path("pixels").asText()).isNotEmpty();
        assertThat(ImageIO.read(out.resolve("curves.png").toFile()).getWidth()).isEqualTo(900);
        assertThat(ImageIO.read(out.resolve("confusion.png").toFile()).getHeight())
                .isEqualTo(720);
        assertThat(ImageIO.read(out.resolve("predictions.png").toFile()).getWidth())
                .isEqualTo(8 * 128);
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
        int exit = run(
                "train",
                "--data-dir",
                empty.toString(),
                "--out",
                empty.resolve("out").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString())
                .contains("does not hold the four Fashion-MNIST files")
                .doesNotContain("\tat ai.lenetlab");
    }

    @Test
    void presetsListsEveryPresetAsTextAndJson() throws Exception {
        String text = stdout(() -> assertThat(run("presets")).isZero());
        for (Preset preset : Presets.all()) {
            assertThat(text).contains(preset.id() + " ", preset.title());
        }
        JsonNode json = RunOutputs.JSON.readTree(
                stdout(() -> assertThat(run("presets", "--json")).isZero()));
        assertThat(json.findValuesAsText("id"))
                .containsExactlyElementsOf(
                        Presets.all().stream().map(Preset::id).toList());
        assertThat(json.get(1).path("config").path("epochs").asInt())
                .isEqualTo(Presets.all().get(1).config().epochs());
    }

    @Test
    void summaryPrintsTheLayersAndTheirParameters() {
        String d2l = stdout(() -> assertThat(run("summary", "--preset", "d2l")).isZero());
        assertThat(d2l).contains("Conv2d", "AvgPool2d", "Linear").containsPattern("total\\s+61,706");
        String modern = stdout(
                () -> assertThat(run("summary", "--preset", "lenet-modern")).isZero());
        assertThat(modern).contains("BatchNorm1d").containsPattern("total\\s+120,886");
        assertThat(run("summary", "--preset", "d2l", "--kernel-size", "4")).isEqualTo(2);
    }

    @Test
    void benchPrintsThroughputPerPreset() {
        RealDataset.get();
        String out = stdout(() -> assertThat(run("bench", "--presets", "model-2", "--epochs", "1"))
                .isZero());
        assertThat(out)
                .contains(
                        "engine PyTorch",
                        "2 CPU cores"
                                .replace(
                                        "2", String.valueOf(Runtime.getRuntime().availableProcessors())));
        assertThat(out.lines().filter(l -> l.startsWith("model-2 ")).findFirst())
                .hasValueSatisfying(row -> {
                    String[] cells = row.trim().split("\\s+");
                    assertThat(cells[1]).isEqualTo("1"); // epochs
                    assertThat(Double.parseDouble(cells[2]))
                            .as("train examples/s")
                            .isPositive();
                    assertThat(row)
                            .as("the time to 90 percent test accuracy, or that one epoch did not reach it")
                            .containsPattern("  (not reached|\\d+\\.\\d s \\(ep 1\\)) ");
                });
    }

    @Test
    void reproducePrintsTheReportBesideOurs() {
        RealDataset.get();
        String out = stdout(() -> assertThat(run("reproduce", "--presets", "model-2", "--epochs", "1"))
                .isZero());
        String row =
                out.lines().filter(l -> l.startsWith("model-2 ")).findFirst().orElseThrow();
        String[] cells = row.trim().split("\\s+");
        assertThat(cells[1])
                .as("the report's accuracy for model 2")
                .isEqualTo(String.format("%.2f", Presets.get("model-2").reportedAccuracy()));
        assertThat(cells[2]).isEqualTo("1");
        assertThat(Double.parseDouble(cells[3])).as("one full epoch of model-2").isBetween(0.75, 0.95);
    }

    @Test
    void sweepSearchesStopsLosersEarlyAndWritesEveryTrial(@TempDir Path out) throws Exception {
        RealDataset.get();
        // learning rates from hopeless (1e-6) to fine (3e-3), 3 epochs on small subsets; ASHA at epochs 1 and 2
        Path spec = out.resolve("sweep.spec.json");
        Files.writeString(spec, """
                {"name":"cli","base":{"preset":"model-2","overrides":{"epochs":3,"trainSamples":1024,"testSamples":200}},
                 "space":{"learningRate":{"choice":[0.003,0.000001,0.001,0.0000005]}},"method":"grid",
                 "earlyStopping":{"rule":"asha","minEpochs":1,"reductionFactor":2}}""");
        String printed = stdout(() -> assertThat(run("sweep", "--file", spec.toString(), "--out", out.toString()))
                .as(err.toString())
                .isZero());

        assertThat(printed).contains("sweep cli: grid, 4 trials × 1 seeds, max testAccuracy, early stopping asha");
        assertThat(printed).containsPattern("best: trial [02] \\{learningRate=0.00[13]\\}");
        JsonNode written = RunOutputs.JSON.readTree(out.resolve("sweep.json").toFile());
        assertThat(written.path("trials")).hasSize(4);
        // the hopeless rates fall below the rung's cutoff and stop after one epoch
        assertThat(written.path("trials").get(1).path("prunedAtEpoch").asInt()).isEqualTo(1);
        assertThat(written.path("trials").get(1).path("seeds").get(0)).hasSize(1);
        assertThat(written.path("trials").get(0).path("seeds").get(0))
                .as("the first trial runs through")
                .hasSize(3);

        assertThat(run("sweep", "--file", spec.toString().replace("sweep.spec", "missing")))
                .isNotZero();
        Files.writeString(spec, """
                {"name":"bad","base":{"preset":"model-2"},"space":{"batchSize":{"uniform":[64,256]}}}""");
        assertThat(run("sweep", "--file", spec.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("space.batchSize.uniform");
    }

    @Test
    void sweepSimulateReplaysSyntheticSweepsWithoutTraining(@TempDir Path dir) throws Exception {
        String printed = stdout(() ->
                assertThat(run("sweep", "--simulate", "20")).as(err.toString()).isZero());
        assertThat(printed).contains("20 sweeps each: 30 trials × 10 epochs");
        assertThat(printed).containsPattern("\\| 1\\.0 \\| seed racing \\| 2–8 \\| [0-9.]+ % \\| [0-9.]+ % \\|");
        assertThat(printed).contains("| 0.5 | no stopping | 8 | 0.0 % |");

        assertThat(run("sweep")).as("neither --file nor --simulate").isEqualTo(2);
        assertThat(err.toString()).contains("--simulate");
        assertThat(run("sweep", "--simulate", "0")).isEqualTo(2);
        Path racing = dir.resolve("race.json");
        Files.writeString(racing, """
                {"name":"race","base":{"preset":"model-2","overrides":{"epochs":3}},
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]}},"seeds":{"adaptive":{"min":2,"max":8}},
                 "earlyStopping":{"rule":"asha"}}""");
        assertThat(run("sweep", "--file", racing.toString()))
                .as("seed racing has rungs of its own")
                .isEqualTo(2);
        assertThat(err.toString()).contains("earlyStopping.rule");
    }

    @Test
    void sweepRacesSeedsAToldApartTrialStopsWithMinSeedsAndACloseCallGetsMore(@TempDir Path out) throws Exception {
        RealDataset.get();
        // a fine rate, a hopeless one (1e-6) and one next to the fine one; 2 epochs on small subsets,
        // 2–3 seeds; the race's rung before the last epoch is epoch 1
        Path spec = out.resolve("sweep.spec.json");
        Files.writeString(spec, """
                {"name":"cli race","base":{"preset":"model-2","overrides":{"epochs":2,"trainSamples":1024,"testSamples":200}},
                 "space":{"learningRate":{"choice":[0.003,0.000001,0.0031]}},"method":"grid",
                 "seeds":{"adaptive":{"min":2,"max":3}},"earlyStopping":{"minEpochs":1}}""");
        String printed = stdout(() -> assertThat(run("sweep", "--file", spec.toString(), "--out", out.toString()))
                .as(err.toString())
                .isZero());

        assertThat(printed)
                .contains("sweep cli race: grid, 3 trials × 2–3 (seed racing) seeds, max testAccuracy, early stopping"
                        + " none");
        JsonNode trials =
                RunOutputs.JSON.readTree(out.resolve("sweep.json").toFile()).path("trials");
        assertThat(trials).hasSize(3);
        // the hopeless rate is told apart from the fine one when its second seed reaches epoch 1
        assertThat(trials.get(1).path("seeds")).hasSize(2);
        assertThat(trials.get(1).path("prunedAtEpoch").asInt()).isEqualTo(1);
        assertThat(trials.get(1).path("seeds").get(1)).hasSize(1);
        assertThat(trials.get(1).path("stopReason").asText())
                .startsWith("stopped early at epoch 1 (seed race): its best ");
        assertThat(trials.get(1).path("seedStopReason").asText())
                .startsWith("its best ")
                .contains(" < leader ");
        // the two close rates stay tied: both end at the most seeds, trained through
        for (int close : new int[] {0, 2}) {
            assertThat(trials.get(close).path("seeds")).as("trial %d", close).hasSize(3);
            trials.get(close).path("seeds").forEach(seed -> assertThat(seed).hasSize(2));
            assertThat(trials.get(close).path("seedStopReason").asText()).contains("at its most seeds (3)");
        }
        assertThat(printed).containsPattern("best: trial [02] .*; 8 runs, 15 epochs trained");
    }

    @Test
    void everyConfigFieldHasAnOptionNamedAfterIt() throws Exception {
        for (java.lang.reflect.RecordComponent field : ai.lenetlab.contracts.RunConfig.class.getRecordComponents()) {
            assertThat(ConfigOptions.class.getDeclaredField(field.getName()).getAnnotation(CommandLine.Option.class))
                    .as("an option for %s", field.getName())
                    .isNotNull();
        }
    }

    /** What {@code action} prints on standard output (the commands print there, as a CLI does). */
    private static String stdout(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text;
    }
}
