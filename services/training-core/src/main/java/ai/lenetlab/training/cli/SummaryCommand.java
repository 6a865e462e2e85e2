package ai.lenetlab.training.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.training.model.LeNet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "summary",
        mixinStandardHelpOptions = true,
        description = "Print the layer table: each layer's output shape for one image and its parameters.")
final class SummaryCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        LeNet net = LeNet.of(configOptions.resolve());
        try (NDManager manager = NDManager.newBaseManager()) {
            net.block().initialize(manager, DataType.FLOAT32, LeNet.INPUT_SHAPE);
            System.out.printf("%-12s %-22s %10s%n", "layer", "output shape", "parameters");
            for (LayerInfo layer : net.layerTable()) {
                System.out.printf("%-12s %-22s %,10d%n", layer.name(), layer.outputShape(), layer.parameters());
            }
            System.out.printf("%-12s %-22s %,10d%n", "total", "", net.parameterCount());
        }
        return 0;
    }
}
