package ai.lenetlab.contracts;

/**
 * Learning rate per epoch: constant, {@code StepLR(step_size, gamma)} stepped once per epoch, or
 * cosine annealing to zero over all epochs; or per step: {@code OneCycleLR} (warm-up to the learning
 * rate over the first 30 % of steps, then down to almost zero).
 */
public enum LrSchedule implements ConfigChoice {
    NONE,
    STEP,
    COSINE,
    ONE_CYCLE
}
