package ai.lenetlab.contracts;

/**
 * The learning rate of each epoch under a config's schedule, as PyTorch's schedulers step per epoch;
 * one-cycle steps per batch, as PyTorch's {@code OneCycleLR} does.
 */
public final class LearningRates {

    /** OneCycleLR's defaults: warm-up share, start = max / 25, end = start / 10⁴. */
    static final double ONE_CYCLE_WARM_UP = 0.3;

    static final double ONE_CYCLE_DIV = 25;
    static final double ONE_CYCLE_FINAL_DIV = 1e4;

    private LearningRates() {}

    /**
     * @param epoch 1-based
     * @return {@code none}: the base rate; {@code step}: {@code StepLR}, base × gamma^⌊(epoch-1)/step⌋;
     *     {@code cosine}: {@code CosineAnnealingLR(T_max=epochs, eta_min=0)}; {@code one-cycle}: its curve
     *     with epochs as steps (training sets it every step: {@link #forStep})
     */
    public static double forEpoch(RunConfig config, int epoch) {
        double base = config.learningRate();
        int completed = epoch - 1;
        return switch (config.lrSchedule()) {
            case NONE -> base;
            case STEP -> base * Math.pow(config.lrGamma(), completed / config.lrStepSize());
            case COSINE -> base * 0.5 * (1 + Math.cos(Math.PI * completed / config.epochs()));
            case ONE_CYCLE -> oneCycle(base, completed, config.epochs());
        };
    }

    /** Whether the rate changes within an epoch, so the training loop sets it every step. */
    public static boolean perStep(RunConfig config) {
        return config.lrSchedule() == LrSchedule.ONE_CYCLE;
    }

    /**
     * The rate of one step: {@link #forEpoch} for the epoch schedules; for one-cycle, step
     * {@code batch} (0-based) of {@code batches} in epoch {@code epoch} (1-based).
     */
    public static double forStep(RunConfig config, int epoch, int batch, int batches) {
        if (!perStep(config)) {
            return forEpoch(config, epoch);
        }
        return oneCycle(
                config.learningRate(), (epoch - 1) * (double) batches + batch, (double) config.epochs() * batches);
    }

    /** OneCycleLR (two phases, cosine annealing) at {@code step} of {@code total}, in epochs or steps. */
    private static double oneCycle(double max, double step, double total) {
        double start = max / ONE_CYCLE_DIV;
        double end = start / ONE_CYCLE_FINAL_DIV;
        double peak = ONE_CYCLE_WARM_UP * total - 1;
        if (step <= peak) {
            return cosine(start, max, peak <= 0 ? 1 : step / peak);
        }
        return cosine(max, end, (step - peak) / (total - 1 - peak));
    }

    private static double cosine(double from, double to, double fraction) {
        return to + (from - to) / 2 * (1 + Math.cos(Math.PI * Math.min(1, fraction)));
    }
}
