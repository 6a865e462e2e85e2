package ai.lenetlab.contracts;

import java.util.List;

/**
 * Everything a finished run produced, as written to {@code metrics.json} by the CLI and stored by
 * the experiment service.
 *
 * @param config the resolved configuration
 * @param device where it trained, e.g. {@code cpu()} or {@code gpu(0)}
 * @param parameters total trainable parameters
 * @param layers the layer table
 * @param epochs one entry per epoch
 * @param confusionMatrix [true label][predicted label] counts over the test set
 * @param perClassAccuracy test accuracy per true label (null for a class absent from the test set)
 * @param predictions a sample of test predictions, misclassified ones included
 * @param totalSeconds wall time of the whole run, test passes included
 * @param testPredictions every test image's true and predicted class ({@link TestPredictions}), base64
 *     in JSON
 * @param environment what it trained on (null in metrics.json files that predate it)
 */
public record RunReport(
        RunConfig config,
        String device,
        long parameters,
        List<LayerInfo> layers,
        List<EpochMetrics> epochs,
        int[][] confusionMatrix,
        List<Double> perClassAccuracy,
        List<PredictionSample> predictions,
        double totalSeconds,
        byte[] testPredictions,
        RunEnvironment environment) {

    public EpochMetrics lastEpoch() {
        return epochs.get(epochs.size() - 1);
    }

    public EpochMetrics bestEpoch() {
        EpochMetrics best = epochs.get(0);
        for (EpochMetrics e : epochs) {
            if (e.testAccuracy() > best.testAccuracy()) {
                best = e;
            }
        }
        return best;
    }
}
