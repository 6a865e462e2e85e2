package ai.lenetlab.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Everything that defines one training run: the LeNet variant, the optimiser and schedule, the
 * data handling and the seed. Flat on purpose, so that configs diff field by field, override by
 * name ({@code "overrides":{"epochs":1}}) and map onto one form. {@link ConfigValidator} holds the
 * bounds of every field; {@link Presets} the configurations of the tutorial and the report.
 *
 * @param activation non-linearity after each conv and hidden linear layer
 * @param pooling 2×2 stride-2 pooling after each conv block
 * @param conv1Channels output channels of the first convolution (padded to keep 28×28)
 * @param conv2Channels output channels of the second convolution (no padding)
 * @param kernelSize square kernel of both convolutions: 3, 5 or 7
 * @param fc1Units width of the first hidden linear layer
 * @param fc2Units width of the second hidden linear layer
 * @param dropout dropout rate after each hidden linear layer, 0 for none
 * @param batchNorm batch normalisation after each conv and hidden linear layer
 * @param weightInit initialisation of conv and linear weights
 * @param optimizer the update rule
 * @param learningRate initial learning rate
 * @param momentum momentum of {@code sgd-momentum} (ignored otherwise)
 * @param weightDecay L2 penalty (sgd, adam) or decoupled decay (adamw)
 * @param batchSize training mini-batch size
 * @param epochs passes over the training set
 * @param lrSchedule how the learning rate changes per epoch
 * @param lrStepSize epochs between decays of the {@code step} schedule
 * @param lrGamma decay factor of the {@code step} schedule
 * @param normalization pixel scaling
 * @param augmentation training-time augmentation
 * @param seed seed for weights, shuffling, dropout and augmentation
 * @param trainSamples use only the first N training images (0: all 60,000)
 * @param testSamples use only the first N test images (0: all 10,000)
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record RunConfig(
        Activation activation,
        Pooling pooling,
        int conv1Channels,
        int conv2Channels,
        int kernelSize,
        int fc1Units,
        int fc2Units,
        double dropout,
        boolean batchNorm,
        WeightInit weightInit,
        OptimizerType optimizer,
        double learningRate,
        double momentum,
        double weightDecay,
        int batchSize,
        int epochs,
        LrSchedule lrSchedule,
        int lrStepSize,
        double lrGamma,
        InputNormalization normalization,
        Augmentation augmentation,
        long seed,
        int trainSamples,
        int testSamples) {

    /** Starts from this config; the builder's setters change single fields. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable copy of a config, for presets, tests and the CLI. */
    public static final class Builder {
        private Activation activation;
        private Pooling pooling;
        private int conv1Channels;
        private int conv2Channels;
        private int kernelSize;
        private int fc1Units;
        private int fc2Units;
        private double dropout;
        private boolean batchNorm;
        private WeightInit weightInit;
        private OptimizerType optimizer;
        private double learningRate;
        private double momentum;
        private double weightDecay;
        private int batchSize;
        private int epochs;
        private LrSchedule lrSchedule;
        private int lrStepSize;
        private double lrGamma;
        private InputNormalization normalization;
        private Augmentation augmentation;
        private long seed;
        private int trainSamples;
        private int testSamples;

        private Builder(RunConfig c) {
            activation = c.activation;
            pooling = c.pooling;
            conv1Channels = c.conv1Channels;
            conv2Channels = c.conv2Channels;
            kernelSize = c.kernelSize;
            fc1Units = c.fc1Units;
            fc2Units = c.fc2Units;
            dropout = c.dropout;
            batchNorm = c.batchNorm;
            weightInit = c.weightInit;
            optimizer = c.optimizer;
            learningRate = c.learningRate;
            momentum = c.momentum;
            weightDecay = c.weightDecay;
            batchSize = c.batchSize;
            epochs = c.epochs;
            lrSchedule = c.lrSchedule;
            lrStepSize = c.lrStepSize;
            lrGamma = c.lrGamma;
            normalization = c.normalization;
            augmentation = c.augmentation;
            seed = c.seed;
            trainSamples = c.trainSamples;
            testSamples = c.testSamples;
        }

        public Builder activation(Activation v) {
            activation = v;
            return this;
        }

        public Builder pooling(Pooling v) {
            pooling = v;
            return this;
        }

        public Builder conv1Channels(int v) {
            conv1Channels = v;
            return this;
        }

        public Builder conv2Channels(int v) {
            conv2Channels = v;
            return this;
        }

        public Builder kernelSize(int v) {
            kernelSize = v;
            return this;
        }

        public Builder fc1Units(int v) {
            fc1Units = v;
            return this;
        }

        public Builder fc2Units(int v) {
            fc2Units = v;
            return this;
        }

        public Builder dropout(double v) {
            dropout = v;
            return this;
        }

        public Builder batchNorm(boolean v) {
            batchNorm = v;
            return this;
        }

        public Builder weightInit(WeightInit v) {
            weightInit = v;
            return this;
        }

        public Builder optimizer(OptimizerType v) {
            optimizer = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder lrSchedule(LrSchedule v) {
            lrSchedule = v;
            return this;
        }

        public Builder lrStepSize(int v) {
            lrStepSize = v;
            return this;
        }

        public Builder lrGamma(double v) {
            lrGamma = v;
            return this;
        }

        public Builder normalization(InputNormalization v) {
            normalization = v;
            return this;
        }

        public Builder augmentation(Augmentation v) {
            augmentation = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder trainSamples(int v) {
            trainSamples = v;
            return this;
        }

        public Builder testSamples(int v) {
            testSamples = v;
            return this;
        }

        public RunConfig build() {
            return new RunConfig(
                    activation,
                    pooling,
                    conv1Channels,
                    conv2Channels,
                    kernelSize,
                    fc1Units,
                    fc2Units,
                    dropout,
                    batchNorm,
                    weightInit,
                    optimizer,
                    learningRate,
                    momentum,
                    weightDecay,
                    batchSize,
                    epochs,
                    lrSchedule,
                    lrStepSize,
                    lrGamma,
                    normalization,
                    augmentation,
                    seed,
                    trainSamples,
                    testSamples);
        }
    }
}
