package ai.lenetlab.training.train;

import ai.djl.training.tracker.Tracker;

/**
 * A learning rate that the training loop sets: once per epoch for the epoch schedules, every step
 * for one-cycle ({@code LearningRates}). DJL's own trackers (e.g. {@code FactorTracker}) count
 * optimiser updates, not epochs, so they cannot express {@code StepLR} as PyTorch steps it.
 */
final class ScheduledLearningRate implements Tracker {

    private volatile float value;

    ScheduledLearningRate(double initial) {
        set(initial);
    }

    void set(double learningRate) {
        value = (float) learningRate;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return value;
    }
}
