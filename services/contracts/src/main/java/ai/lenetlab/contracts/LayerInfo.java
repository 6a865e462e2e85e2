package ai.lenetlab.contracts;

import java.util.List;

/**
 * One row of the layer table, like the tutorial's shape printout.
 *
 * @param name layer type, e.g. {@code Conv2d}, {@code Sigmoid}, {@code AvgPool2d}
 * @param outputShape output shape for a batch of one, e.g. [1, 6, 28, 28]
 * @param parameters trainable parameters of the layer
 */
public record LayerInfo(String name, List<Long> outputShape, long parameters) {}
