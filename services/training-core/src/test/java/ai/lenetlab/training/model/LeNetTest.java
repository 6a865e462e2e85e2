package ai.lenetlab.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LeNetTest {

    @Test
    void everyPresetMapsABatchToTenScores() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Preset preset : Presets.all()) {
                LeNet net = LeNet.of(preset.config());
                net.block().initialize(manager, DataType.FLOAT32, LeNet.INPUT_SHAPE);
                NDArray out = net.block()
                        .forward(
                                new ParameterStore(manager, false),
                                new NDList(manager.zeros(new Shape(3, 1, 28, 28))),
                                false)
                        .singletonOrThrow();
                assertThat(out.getShape()).as(preset.id()).isEqualTo(new Shape(3, 10));
            }
        }
    }

    @Test
    void layerTableMatchesTheTutorialsShapePrintout() {
        List<LayerInfo> table = initialised(Presets.D2L).layerTable();

        assertThat(table)
                .extracting(LayerInfo::name)
                .containsExactly(
                        "Conv2d",
                        "Sigmoid",
                        "AvgPool2d",
                        "Conv2d",
                        "Sigmoid",
                        "AvgPool2d",
                        "Flatten",
                        "Linear",
                        "Sigmoid",
                        "Linear",
                        "Sigmoid",
                        "Linear");
        assertThat(table)
                .extracting(LayerInfo::outputShape)
                .containsExactly(
                        List.of(1L, 6L, 28L, 28L),
                        List.of(1L, 6L, 28L, 28L),
                        List.of(1L, 6L, 14L, 14L),
                        List.of(1L, 16L, 10L, 10L),
                        List.of(1L, 16L, 10L, 10L),
                        List.of(1L, 16L, 5L, 5L),
                        List.of(1L, 400L),
                        List.of(1L, 120L),
                        List.of(1L, 120L),
                        List.of(1L, 84L),
                        List.of(1L, 84L),
                        List.of(1L, 10L));
        assertThat(table)
                .extracting(LayerInfo::parameters)
                .containsExactly(156L, 0L, 0L, 2416L, 0L, 0L, 0L, 48120L, 0L, 10164L, 0L, 850L);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 7})
    void otherKernelSizesFitTheFirstLinearLayer(int k) {
        RunConfig config = Presets.MODEL_4.toBuilder().kernelSize(k).build();
        int side = (14 - k + 1) / 2;

        List<LayerInfo> table = initialised(config).layerTable();

        assertThat(table.get(table.size() - 1).outputShape()).containsExactly(1L, 10L);
        assertThat(table)
                .filteredOn(l -> l.name().equals("Flatten"))
                .extracting(LayerInfo::outputShape)
                .containsExactly(List.of(1L, 32L * side * side));
    }

    @Test
    void batchNormAndDropoutAppearWhereConfigured() {
        List<String> names = initialised(Presets.LENET_MODERN).layerTable().stream()
                .map(LayerInfo::name)
                .toList();

        assertThat(names)
                .containsSubsequence(
                        "Conv2d",
                        "BatchNorm2d",
                        "ReLU",
                        "MaxPool2d",
                        "Linear",
                        "BatchNorm1d",
                        "ReLU",
                        "Dropout",
                        "Linear",
                        "BatchNorm1d",
                        "ReLU",
                        "Dropout",
                        "Linear");
    }

    @Test
    void lenetFastIsLeNetSized() {
        LeNet net = initialised(Presets.LENET_FAST);
        assertThat(net.parameterCount()).isEqualTo(81_646).isLessThanOrEqualTo(100_000);
        assertThat(net.layerTable().stream().map(LayerInfo::name).filter("Conv2d"::equals))
                .hasSize(2);
    }

    @Test
    void everyLayersWeightsStartAsPyTorchWouldStartThem() {
        // xavier_uniform_: U(±√(6/(fan_in+fan_out))); nn.Conv2d/nn.Linear: U(±1/√fan_in). For conv1 the two
        // bounds are 0.185 and 0.2, so a 5 % tolerance tells them apart; the other layers differ more.
        assertWeightBounds(Presets.D2L, (in, out) -> Math.sqrt(6.0 / (in + out)));
        assertWeightBounds(Presets.MODEL_1, (in, out) -> 1 / Math.sqrt(in));
    }

    /** The largest |weight| of every conv and linear layer lies within 5 % below its bound, never above. */
    private static void assertWeightBounds(RunConfig config, java.util.function.DoubleBinaryOperator bound) {
        int checked = 0;
        for (var child : initialised(config).block().getChildren().values()) {
            if (!child.getParameters().keys().contains("weight")) {
                continue;
            }
            long[] shape =
                    child.getParameters().get("weight").getArray().getShape().getShape();
            long receptive = 1;
            for (int d = 2; d < shape.length; d++) {
                receptive *= shape[d];
            }
            double expected = bound.applyAsDouble(shape[1] * receptive, shape[0] * receptive);
            double max =
                    child.getParameters().get("weight").getArray().abs().max().getFloat();
            assertThat(max)
                    .as("%s layer %s", config.weightInit(), java.util.Arrays.toString(shape))
                    .isLessThanOrEqualTo(expected * 1.0001)
                    .isGreaterThan(expected * 0.95);
            checked++;
        }
        assertThat(checked).as("conv and linear layers checked").isEqualTo(5);
    }

    private static LeNet initialised(RunConfig config) {
        LeNet net = LeNet.of(config);
        net.block().initialize(NDManager.newBaseManager(), DataType.FLOAT32, LeNet.INPUT_SHAPE);
        return net;
    }
}
