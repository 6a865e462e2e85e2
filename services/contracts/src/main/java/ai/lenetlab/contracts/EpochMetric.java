package ai.lenetlab.contracts;

import java.util.function.ToDoubleFunction;

/**
 * The per-epoch series a run has, by the name the API uses for them (the compare view's
 * {@code series} keys): one list for the service that builds them and the web UI that draws them.
 */
public enum EpochMetric {
    TRAIN_LOSS("trainLoss", "Train loss", EpochMetrics::trainLoss),
    TEST_LOSS("testLoss", "Test loss", EpochMetrics::testLoss),
    TRAIN_ACCURACY("trainAccuracy", "Train accuracy", EpochMetrics::trainAccuracy),
    TEST_ACCURACY("testAccuracy", "Test accuracy", EpochMetrics::testAccuracy),
    LEARNING_RATE("learningRate", "Learning rate", EpochMetrics::learningRate),
    EXAMPLES_PER_SECOND("examplesPerSecond", "Examples/s", EpochMetrics::examplesPerSecond);

    private final String key;
    private final String title;
    private final ToDoubleFunction<EpochMetrics> value;

    EpochMetric(String key, String title, ToDoubleFunction<EpochMetrics> value) {
        this.key = key;
        this.title = title;
        this.value = value;
    }

    /** The name in the API's JSON. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public double of(EpochMetrics epoch) {
        return value.applyAsDouble(epoch);
    }
}
