package ai.lenetlab.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class PresetsAndSchedulesTest {

    @Test
    void presetsCarryTheSourcesSettings() {
        RunConfig d2l = Presets.get("d2l").config();
        assertThat(d2l.activation()).isEqualTo(Activation.SIGMOID);
        assertThat(d2l.pooling()).isEqualTo(Pooling.AVG);
        assertThat(d2l.weightInit()).isEqualTo(WeightInit.XAVIER_UNIFORM);
        assertThat(d2l.learningRate()).isEqualTo(0.9);
        assertThat(d2l.batchSize()).isEqualTo(256);
        assertThat(d2l.epochs()).isEqualTo(10);
        assertThat(d2l.normalization()).isEqualTo(InputNormalization.UNIT);

        RunConfig m1 = Presets.get("model-1").config();
        assertThat(m1.optimizer()).isEqualTo(OptimizerType.SGD);
        assertThat(m1.learningRate()).isEqualTo(0.01);
        assertThat(m1.batchSize()).isEqualTo(100);
        assertThat(m1.epochs()).isEqualTo(14);
        assertThat(m1.lrSchedule()).isEqualTo(LrSchedule.STEP);
        assertThat(m1.lrGamma()).isEqualTo(0.7);
        assertThat(m1.normalization()).isEqualTo(InputNormalization.CENTERED);

        RunConfig m2 = Presets.get("model-2").config();
        assertThat(m2.optimizer()).isEqualTo(OptimizerType.ADAM);
        assertThat(m2.weightDecay()).isEqualTo(0.001);
        assertThat(m2.batchSize()).isEqualTo(256);
        assertThat(Presets.get("model-3").config().dropout()).isEqualTo(0.5);
        assertThat(Presets.get("model-4").config().conv1Channels()).isGreaterThan(6);
        assertThat(Presets.get("lenet-modern").config().batchNorm()).isTrue();
        assertThatThrownBy(() -> Presets.get("model-9")).hasMessageContaining("known: d2l, model-1");
    }

    @Test
    void stepScheduleDecaysOncePerEpochLikeStepLR() {
        RunConfig c = Presets.MODEL_1;
        assertThat(LearningRates.forEpoch(c, 1)).isEqualTo(0.01);
        assertThat(LearningRates.forEpoch(c, 2)).isCloseTo(0.007, offset(1e-12));
        assertThat(LearningRates.forEpoch(c, 14)).isCloseTo(0.01 * Math.pow(0.7, 13), offset(1e-12));

        RunConfig everyThird = c.toBuilder().lrStepSize(3).lrGamma(0.5).build();
        assertThat(LearningRates.forEpoch(everyThird, 3)).isEqualTo(0.01);
        assertThat(LearningRates.forEpoch(everyThird, 4)).isEqualTo(0.005);
    }

    @Test
    void cosineScheduleAnnealsTowardsZero() {
        RunConfig c = Presets.LENET_MODERN; // 20 epochs
        assertThat(LearningRates.forEpoch(c, 1)).isEqualTo(c.learningRate());
        assertThat(LearningRates.forEpoch(c, 11)).isCloseTo(c.learningRate() / 2, offset(1e-12));
        assertThat(LearningRates.forEpoch(c, 20)).isLessThan(c.learningRate() * 0.01);
        assertThat(LearningRates.forEpoch(Presets.D2L, 7)).isEqualTo(0.9);
    }

    @Test
    void oneCycleStepsPerBatchAsPyTorchsOneCycleLR() {
        // 4 epochs × 25 batches = 100 steps, max 0.01; figures from torch.optim.lr_scheduler.OneCycleLR
        RunConfig c = Presets.MODEL_2.toBuilder()
                .lrSchedule(LrSchedule.ONE_CYCLE)
                .learningRate(0.01)
                .epochs(4)
                .build();
        assertThat(LearningRates.perStep(c)).isTrue();
        assertThat(LearningRates.forStep(c, 1, 0, 25)).isCloseTo(0.0004, offset(1e-12));
        assertThat(LearningRates.forStep(c, 1, 10, 25)).isCloseTo(0.002951639484641007, offset(1e-12));
        assertThat(LearningRates.forStep(c, 2, 4, 25)).isCloseTo(0.01, offset(1e-12)); // step 29
        assertThat(LearningRates.forStep(c, 3, 0, 25)).isCloseTo(0.00793893450575732, offset(1e-12));
        assertThat(LearningRates.forStep(c, 4, 24, 25)).isCloseTo(4e-8, offset(1e-15));
        assertThat(LearningRates.perStep(Presets.MODEL_2)).isFalse();
        assertThat(LearningRates.forStep(Presets.MODEL_2, 3, 7, 235))
                .isEqualTo(LearningRates.forEpoch(Presets.MODEL_2, 3));
    }
}
