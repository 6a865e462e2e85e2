package ai.lenetlab.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
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
                NDArray out = net.block().forward(new ParameterStore(manager, false),
                        new NDList(manager.zeros(new Shape(3, 1, 28, 28))), false).singletonOrThrow();
                assertThat(out.getShape()).as(preset.id()).isEqualTo(new Shape(3, 10));
            }
        }
    }

    @Test
    void layerTableMatchesTheTutorialsShapePrintout() {
        List<LayerInfo> table = initialised(Presets.D2L).layerTable();

        assertThat(table).extracting(LayerInfo::name).containsExactly("Conv2d", "Sigmoid", "AvgPool2d", "Conv2d",
                "Sigmoid", "AvgPool2d", "Flatten", "Linear", "Sigmoid", "Linear", "Sigmoid", "Linear");
        assertThat(table).extracting(LayerInfo::outputShape).containsExactly(
                List.of(1L, 6L, 28L, 28L), List.of(1L, 6L, 28L, 28L), List.of(1L, 6L, 14L, 14L),
                List.of(1L, 16L, 10L, 10L), List.of(1L, 16L, 10L, 10L), List.of(1L, 16L, 5L, 5L),
                List.of(1L, 400L), List.of(1L, 120L), List.of(1L, 120L), List.of(1L, 84L), List.of(1L, 84L),
                List.of(1L, 10L));
        assertThat(table).extracting(LayerInfo::parameters)
                .containsExactly(156L, 0L, 0L, 2416L, 0L, 0L, 0L, 48120L, 0L, 10164L, 0L, 850L);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 7})
    void otherKernelSizesFitTheFirstLinearLayer(int k) {
        RunConfig config = Presets.MODEL_4.toBuilder().kernelSize(k).build();
        int side = (14 - k + 1) / 2;

        List<LayerInfo> table = initialised(config).layerTable();

        assertThat(table.get(table.size() - 1).outputShape()).containsExactly(1L, 10L);
        assertThat(table).filteredOn(l -> l.name().equals("Flatten"))
                .extracting(LayerInfo::outputShape).containsExactly(List.of(1L, 32L * side * side));
    }

    @Test
    void batchNormAndDropoutAppearWhereConfigured() {
        List<String> names = initialised(Presets.LENET_MODERN).layerTable().stream().map(LayerInfo::name).toList();

        assertThat(names).containsSubsequence("Conv2d", "BatchNorm2d", "ReLU", "MaxPool2d",
                "Linear", "BatchNorm1d", "ReLU", "Dropout", "Linear", "BatchNorm1d", "ReLU", "Dropout", "Linear");
    }

    @Test
    void weightsStartAsPyTorchWouldStartThem() {
        // conv1: fan_in 25, fan_out 150. xavier_uniform_: ±√(6/175) = ±0.185; default: ±1/√25 = ±0.2
        assertThat(maxAbsWeight(Presets.D2L, 0)).isCloseTo(Math.sqrt(6.0 / 175), within(0.02))
                .isLessThanOrEqualTo(Math.sqrt(6.0 / 175));
        assertThat(maxAbsWeight(Presets.MODEL_1, 0)).isCloseTo(0.2, within(0.02)).isLessThanOrEqualTo(0.2);
    }

    private static double maxAbsWeight(RunConfig config, int layer) {
        LeNet net = initialised(config);
        Parameter weight = net.block().getChildren().get(layer).getValue().getParameters().get("weight");
        return weight.getArray().abs().max().getFloat();
    }

    private static LeNet initialised(RunConfig config) {
        LeNet net = LeNet.of(config);
        net.block().initialize(NDManager.newBaseManager(), DataType.FLOAT32, LeNet.INPUT_SHAPE);
        return net;
    }
}
