package ai.lenetlab.contracts;

/** The learning rate of each epoch under a config's schedule, as PyTorch's schedulers step per epoch. */
public final class LearningRates {

    private LearningRates() {}

    /**
     * @param epoch 1-based
     * @return {@code none}: the base rate; {@code step}: {@code StepLR}, base × gamma^⌊(epoch-1)/step⌋;
     *     {@code cosine}: {@code CosineAnnealingLR(T_max=epochs, eta_min=0)}
     */
    public static double forEpoch(RunConfig config, int epoch) {
        double base = config.learningRate();
        int completed = epoch - 1;
        return switch (config.lrSchedule()) {
            case NONE -> base;
            case STEP -> base * Math.pow(config.lrGamma(), completed / config.lrStepSize());
            case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * completed / config.epochs()));
        };
    }
}
