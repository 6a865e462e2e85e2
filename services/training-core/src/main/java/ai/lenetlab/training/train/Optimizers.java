package ai.lenetlab.training.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.lenetlab.contracts.RunConfig;

/**
 * DJL optimisers with PyTorch's semantics: SGD and Adam add {@code weightDecay × w} to the
 * gradient ({@code torch.optim.SGD/Adam(weight_decay=…)}); AdamW decays the weights directly.
 * DJL applies decay to every parameter, biases included, as those PyTorch calls do.
 */
final class Optimizers {

    private Optimizers() {}

    static Optimizer forConfig(RunConfig config, Tracker learningRate) {
        float decay = (float) config.weightDecay();
        return switch (config.optimizer()) {
            case SGD ->
                Optimizer.sgd()
                        .setLearningRateTracker(learningRate)
                        .optWeightDecays(decay)
                        .build();
            case SGD_MOMENTUM ->
                Optimizer.sgd()
                        .setLearningRateTracker(learningRate)
                        .optMomentum((float) config.momentum())
                        .optWeightDecays(decay)
                        .build();
            case ADAM ->
                Optimizer.adam()
                        .optLearningRateTracker(learningRate)
                        .optWeightDecays(decay)
                        .build();
            case ADAMW ->
                Optimizer.adamW()
                        .optLearningRateTracker(learningRate)
                        .optWeightDecays(decay)
                        .build();
        };
    }
}
