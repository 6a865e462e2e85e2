package ai.lenetlab.contracts;

/**
 * Learning rate per epoch: constant, {@code StepLR(step_size, gamma)} stepped once per epoch, or
 * cosine annealing to zero over all epochs.
 */
public enum LrSchedule implements ConfigChoice {
    NONE,
    STEP,
    COSINE
}
