package ai.lenetlab.training.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.UniformInitializer;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.WeightInit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The LeNet-5 family as a DJL block, layer for layer as the tutorial's {@code nn.Sequential}:
 * conv(pad to keep 28×28) → [BN] → act → pool → conv → [BN] → act → pool → flatten →
 * linear → [BN] → act → [dropout] → linear → [BN] → act → [dropout] → linear(10).
 *
 * <p>Weights start as PyTorch would start them: the default of {@code nn.Conv2d}/{@code nn.Linear}
 * (U(±1/√fan_in) for weights and biases) or {@code xavier_uniform_} for the weights. DJL's own
 * defaults differ, so every layer gets its initialiser set explicitly.
 */
public final class LeNet {

    /** One Fashion-MNIST image, batch of one: the shape the layer table is printed for. */
    public static final Shape INPUT_SHAPE = new Shape(1, 1, 28, 28);

    public static final int CLASSES = 10;

    private final SequentialBlock block = new SequentialBlock();
    private final List<String> layerNames = new ArrayList<>();
    private final RunConfig config;

    private LeNet(RunConfig config) {
        this.config = config;
        int k = config.kernelSize();
        addConv(1, config.conv1Channels(), k, (k - 1) / 2);
        addConvTail();
        addConv(config.conv1Channels(), config.conv2Channels(), k, 0);
        addConvTail();
        add(Blocks.batchFlattenBlock(), "Flatten");
        int side = (28 / 2 - k + 1) / 2;
        addLinear(config.conv2Channels() * side * side, config.fc1Units(), true);
        addLinear(config.fc1Units(), config.fc2Units(), true);
        addLinear(config.fc2Units(), CLASSES, false);
    }

    /** Builds the (uninitialised) network of a config. */
    public static LeNet of(RunConfig config) {
        return new LeNet(config);
    }

    public SequentialBlock block() {
        return block;
    }

    /** Layer, output shape for one image, trainable parameters: the tutorial's shape printout. */
    public List<LayerInfo> layerTable() {
        List<LayerInfo> rows = new ArrayList<>();
        Shape[] shapes = {INPUT_SHAPE};
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            shapes = child.getOutputShapes(shapes);
            rows.add(new LayerInfo(
                    layerNames.get(i),
                    Arrays.stream(shapes[0].getShape()).boxed().toList(),
                    trainableParameters(child)));
        }
        return rows;
    }

    /** Total trainable parameters (batch-norm running statistics are buffers, not parameters). */
    public long parameterCount() {
        return trainableParameters(block);
    }

    private static long trainableParameters(Block b) {
        return b.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getArray().size())
                .sum();
    }

    private void addConv(int in, int out, int k, int padding) {
        Conv2d conv = Conv2d.builder()
                .setKernelShape(new Shape(k, k))
                .optPadding(new Shape(padding, padding))
                .setFilters(out)
                .build();
        initialise(conv, in * k * k, out * k * k);
        add(conv, "Conv2d");
    }

    private void addConvTail() {
        if (config.batchNorm()) {
            add(BatchNorm.builder().build(), "BatchNorm2d");
        }
        addActivation();
        add(
                switch (config.pooling()) {
                    case MAX -> Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
                    case AVG -> Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2));
                },
                switch (config.pooling()) {
                    case MAX -> "MaxPool2d";
                    case AVG -> "AvgPool2d";
                });
    }

    private void addLinear(int in, int out, boolean hidden) {
        Linear linear = Linear.builder().setUnits(out).build();
        initialise(linear, in, out);
        add(linear, "Linear");
        if (!hidden) {
            return;
        }
        if (config.batchNorm()) {
            add(BatchNorm.builder().build(), "BatchNorm1d");
        }
        addActivation();
        if (config.dropout() > 0) {
            add(Dropout.builder().optRate((float) config.dropout()).build(), "Dropout");
        }
    }

    private void addActivation() {
        switch (config.activation()) {
            case SIGMOID -> add(ai.djl.nn.Activation.sigmoidBlock(), "Sigmoid");
            case RELU -> add(ai.djl.nn.Activation.reluBlock(), "ReLU");
            case TANH -> add(ai.djl.nn.Activation.tanhBlock(), "Tanh");
        }
    }

    /** PyTorch's starting values: bound 1/√fan_in (its default), or xavier_uniform_ for weights. */
    private void initialise(Block layer, int fanIn, int fanOut) {
        float defaultBound = (float) (1 / Math.sqrt(fanIn));
        float weightBound = config.weightInit() == WeightInit.XAVIER_UNIFORM
                ? (float) Math.sqrt(6.0 / (fanIn + fanOut))
                : defaultBound;
        layer.setInitializer(new UniformInitializer(weightBound), Parameter.Type.WEIGHT);
        layer.setInitializer(new UniformInitializer(defaultBound), Parameter.Type.BIAS);
    }

    private void add(Block layer, String name) {
        block.add(layer);
        layerNames.add(name);
    }
}
