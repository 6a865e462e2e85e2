package ai.lenetlab.contracts;

/**
 * The results of one epoch: the field names of {@code metrics.json}, the API and the Kafka events.
 *
 * @param epoch 1-based
 * @param trainLoss mean cross-entropy over the epoch's training batches
 * @param trainAccuracy share of training examples classified right during the epoch
 * @param testLoss mean cross-entropy on the test set after the epoch
 * @param testAccuracy share of test examples classified right after the epoch
 * @param learningRate the learning rate used during the epoch
 * @param seconds wall time of the epoch's training (without the test pass)
 * @param examplesPerSecond training examples processed per second
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double testLoss,
        double testAccuracy,
        double learningRate,
        double seconds,
        double examplesPerSecond) {}
