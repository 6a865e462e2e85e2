package ai.lenetlab.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.RunReport;
import ai.lenetlab.contracts.TestPredictions;
import ai.lenetlab.dataset.FashionMnist;
import ai.lenetlab.training.RealDataset;
import ai.lenetlab.training.cli.LenetLab;
import ai.lenetlab.training.report.RunOutputs;
import ai.lenetlab.training.train.TestSetEvaluation;
import ai.lenetlab.training.train.TrainingRun;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safetensors export loaded into PyTorch itself (Debian's python3-torch) with a strict {@code
 * load_state_dict}: the report's own {@code nn.Sequential}, and a config with batch norm and
 * dropout. PyTorch's predictions must be the run's.
 */
class SafetensorsWeightsTest {

    static final String PYTHON = "/usr/bin/python3";
    static final int TEST_IMAGES = 500;

    @BeforeAll
    static void pythonTorch() throws Exception {
        boolean present = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import torch")
                                .redirectErrorStream(true)
                                .start()
                                .waitFor()
                        == 0;
        assumeTrue(present, "python3-torch is not installed (apt-get install python3-torch); CI installs it");
    }

    @Test
    void theReportsOwnSequentialLoadsTheExportOfTheCliAndPredictsAsTheRun(@TempDir Path dir) throws Exception {
        FashionMnist data = RealDataset.get();
        int exit = LenetLab.commandLine()
                .execute(
                        "train",
                        "--preset",
                        "d2l",
                        "--epochs",
                        "3",
                        "--train-samples",
                        "4096",
                        "--test-samples",
                        String.valueOf(TEST_IMAGES),
                        "--out",
                        dir.toString());
        assertThat(exit).isZero();
        assertThat(LenetLab.commandLine().execute("export", dir.toString())).isZero();

        RunReport run = RunOutputs.read(dir);
        JsonNode torch = evaluateInTorch(dir.resolve("model.safetensors"), Map.of("net", "report"), run.config());
        assertSamePredictions(torch, run, dir.resolve(RunOutputs.MODEL), data);
    }

    @Test
    void batchNormAndDropoutLoadIntoTheSequentialTheConfigDescribes(@TempDir Path dir) throws Exception {
        FashionMnist data = RealDataset.get();
        RunConfig config = Presets.LENET_MODERN.toBuilder()
                .epochs(1)
                .trainSamples(2048)
                .testSamples(TEST_IMAGES)
                .build();
        Path params = dir.resolve("model.params");
        RunReport run = new TrainingRun(config, data).saveModelTo(params).run();
        Path weights = dir.resolve("w.safetensors");
        Files.write(weights, SafetensorsWeights.of(config, Files.readAllBytes(params)));

        JsonNode torch = evaluateInTorch(weights, Map.of("net", "config", "config", config), config);
        assertSamePredictions(torch, run, params, data);
    }

    @Test
    void namesAndShapesAreThoseOfPyTorchsStateDict(@TempDir Path dir) throws Exception {
        Path params = dir.resolve("model.params");
        try (Model model = Model.newInstance("lenet", Device.cpu(), "PyTorch")) {
            LeNet net = LeNet.of(Presets.LENET_FAST);
            model.setBlock(net.block());
            net.block().initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, LeNet.INPUT_SHAPE);
            ModelFiles.save(net, params);
        }
        byte[] file = SafetensorsWeights.of(Presets.LENET_FAST, Files.readAllBytes(params));
        long headerLength = java.nio.ByteBuffer.wrap(file, 0, 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getLong();
        JsonNode header = RunOutputs.JSON.readTree(new String(file, 8, (int) headerLength, StandardCharsets.UTF_8));

        List<String> tensors = new java.util.ArrayList<>();
        header.properties()
                .forEach(e -> tensors.add(
                        e.getKey() + " " + e.getValue().path("dtype").asText() + " "
                                + e.getValue().path("shape")));
        // lenet-fast as an nn.Sequential in torch 1.13: [(k, v.dtype, list(v.shape)) for k, v in
        // net.state_dict().items()] (evaluate_safetensors.py's config_net)
        assertThat(tensors)
                .containsExactlyInAnyOrder(
                        "0.weight F32 [6,1,3,3]",
                        "0.bias F32 [6]",
                        "1.weight F32 [6]",
                        "1.bias F32 [6]",
                        "1.running_mean F32 [6]",
                        "1.running_var F32 [6]",
                        "1.num_batches_tracked I64 []",
                        "4.weight F32 [16,6,3,3]",
                        "4.bias F32 [16]",
                        "5.weight F32 [16]",
                        "5.bias F32 [16]",
                        "5.running_mean F32 [16]",
                        "5.running_var F32 [16]",
                        "5.num_batches_tracked I64 []",
                        "9.weight F32 [120,576]",
                        "9.bias F32 [120]",
                        "10.weight F32 [120]",
                        "10.bias F32 [120]",
                        "10.running_mean F32 [120]",
                        "10.running_var F32 [120]",
                        "10.num_batches_tracked I64 []",
                        "12.weight F32 [84,120]",
                        "12.bias F32 [84]",
                        "13.weight F32 [84]",
                        "13.bias F32 [84]",
                        "13.running_mean F32 [84]",
                        "13.running_var F32 [84]",
                        "13.num_batches_tracked I64 []",
                        "15.weight F32 [10,84]",
                        "15.bias F32 [10]");
    }

    private static JsonNode evaluateInTorch(Path weights, Map<String, Object> net, RunConfig config)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("evaluate_safetensors", ".py");
        try (InputStream in = SafetensorsWeightsTest.class.getResourceAsStream("/torch/evaluate_safetensors.py")) {
            Files.write(script, in.readAllBytes());
        }
        Map<String, Object> spec = new java.util.HashMap<>(net);
        spec.put("normalization", config.normalization().id());
        Process python = new ProcessBuilder(
                        PYTHON,
                        script.toString(),
                        weights.toString(),
                        RealDataset.dir().toString(),
                        String.valueOf(TEST_IMAGES),
                        RunOutputs.JSON.writeValueAsString(spec))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(2, TimeUnit.MINUTES)).isTrue();
        Files.delete(script);
        assertThat(python.exitValue()).as(out).isZero();
        return RunOutputs.JSON.readTree(out);
    }

    /** Same accuracy as the run to 1e-4, the same class for every image, the same top probability. */
    private static void assertSamePredictions(JsonNode torch, RunReport run, Path params, FashionMnist data)
            throws IOException {
        assertThat(torch.path("accuracy").asDouble()).isCloseTo(run.lastEpoch().testAccuracy(), within(1e-4));
        List<Integer> predicted = new java.util.ArrayList<>();
        for (byte b : run.testPredictions()) {
            predicted.add(TestPredictions.predicted(b));
        }
        List<Integer> torchPredicted = new java.util.ArrayList<>();
        torch.path("predicted").forEach(v -> torchPredicted.add(v.asInt()));
        assertThat(torchPredicted).isEqualTo(predicted);
        try (Model model = ModelFiles.load(run.config(), params, Device.cpu())) {
            float[] top = TestSetEvaluation.of(
                            model, data.test().head(TEST_IMAGES), run.config().normalization())
                    .probability();
            for (int i = 0; i < TEST_IMAGES; i++) {
                assertThat(torch.path("top").get(i).asDouble()).as("image " + i).isCloseTo(top[i], within(1e-4));
            }
        }
    }
}
