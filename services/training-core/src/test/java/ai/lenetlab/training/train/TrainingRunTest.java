package ai.lenetlab.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.RunReport;
import ai.lenetlab.dataset.FashionMnist;
import ai.lenetlab.training.RealDataset;
import ai.lenetlab.training.model.ModelFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real training of real (small) models on a subset of the real dataset. */
class TrainingRunTest {

    /** Model-2 on 2,000 training and 500 test images, two epochs: seconds on two cores. */
    static final RunConfig SMALL = Presets.MODEL_2.toBuilder()
            .epochs(2)
            .trainSamples(2000)
            .testSamples(500)
            .seed(7)
            .build();

    @Test
    void shortRunBeatsChanceAndReportsEverything(@TempDir Path dir) throws Exception {
        FashionMnist data = RealDataset.get();
        List<EpochMetrics> seen = new ArrayList<>();
        AtomicInteger batches = new AtomicInteger();
        Path modelFile = dir.resolve("model.params");

        RunReport report = new TrainingRun(SMALL, data)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatch(BatchProgress progress) {
                        batches.incrementAndGet();
                    }

                    @Override
                    public void onEpoch(EpochMetrics metrics) {
                        seen.add(metrics);
                    }
                })
                .saveModelTo(modelFile)
                .run();

        assertThat(report.epochs()).hasSize(2).isEqualTo(seen);
        assertThat(batches.get()).isEqualTo(2 * 8); // ceil(2000 / 256) per epoch
        EpochMetrics last = report.lastEpoch();
        // seed 7 gives 0.620 on these machines; a training loop that forgets to shuffle gives 0.664, which
        // "better than chance" would let pass. ±0.02 (ten test images) leaves room for other CPUs' kernels.
        assertThat(last.testAccuracy()).isCloseTo(0.620, org.assertj.core.data.Offset.offset(0.02));
        assertThat(last.trainLoss()).isLessThan(report.epochs().get(0).trainLoss());
        assertThat(last.learningRate()).isEqualTo(0.01 * 0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(last.examplesPerSecond()).isPositive();
        assertThat(report.device()).isEqualTo("cpu()");
        assertThat(report.parameters()).isEqualTo(61_706); // LeNet-5 as in the tutorial
        assertThat(Arrays.stream(report.confusionMatrix())
                        .flatMapToInt(Arrays::stream)
                        .sum())
                .isEqualTo(500);
        int diagonal = 0;
        for (int c = 0; c < 10; c++) {
            diagonal += report.confusionMatrix()[c][c];
        }
        assertThat(diagonal / 500.0).isEqualTo(last.testAccuracy());
        assertThat(report.predictions()).hasSize(40).anyMatch(p -> !p.correct());

        try (Model reloaded = ModelFiles.load(SMALL, modelFile, Device.cpu())) {
            TestSetEvaluation eval = TestSetEvaluation.of(reloaded, data.test().head(500), SMALL.normalization());
            assertThat(eval.accuracy()).isEqualTo(last.testAccuracy());
        }
    }

    @Test
    void sameSeedGivesIdenticalMetrics() {
        FashionMnist data = RealDataset.get();
        RunConfig config = Presets.MODEL_3.toBuilder()
                .epochs(1)
                .trainSamples(1000)
                .testSamples(300)
                .build();

        RunReport first = new TrainingRun(config, data).run();
        RunReport second = new TrainingRun(config, data).run();

        assertThat(stripTimes(second.epochs())).isEqualTo(stripTimes(first.epochs()));
        assertThat(second.confusionMatrix()).isDeepEqualTo(first.confusionMatrix());
    }

    @Test
    void cancellationStopsBetweenBatches() {
        AtomicInteger batches = new AtomicInteger();
        TrainingRun run = new TrainingRun(SMALL, RealDataset.get())
                .listener(new TrainingListener() {
                    @Override
                    public void onBatch(BatchProgress progress) {
                        batches.incrementAndGet();
                    }
                })
                .cancelWhen(() -> batches.get() >= 3);

        assertThatThrownBy(run::run)
                .isInstanceOf(TrainingCancelledException.class)
                .hasMessageContaining("epoch 1 before batch 4");
        assertThat(batches.get()).isEqualTo(3);
    }

    private static List<List<Double>> stripTimes(List<EpochMetrics> epochs) {
        return epochs.stream()
                .map(e -> List.of(e.trainLoss(), e.trainAccuracy(), e.testLoss(), e.testAccuracy(), e.learningRate()))
                .toList();
    }
}
