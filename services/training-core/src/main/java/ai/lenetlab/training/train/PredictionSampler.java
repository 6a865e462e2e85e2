package ai.lenetlab.training.train;

import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.dataset.ImageSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks the test images for the prediction grid: the first images of the test set, as the report's
 * figure shows them, plus misclassified ones so that mistakes are always there to look at.
 */
final class PredictionSampler {

    static final int DEFAULT_SAMPLES = 40;

    private PredictionSampler() {}

    static List<PredictionSample> sample(ImageSet test, TestSetEvaluation eval, int count) {
        int n = Math.min(count, test.size());
        Set<Integer> picked = new LinkedHashSet<>();
        for (int i = 0; i < test.size() && picked.size() < n / 2; i++) {
            if (eval.predicted()[i] != test.label(i)) {
                picked.add(i);
            }
        }
        for (int i = 0; picked.size() < n; i++) {
            picked.add(i);
        }
        List<PredictionSample> out = new ArrayList<>();
        picked.stream()
                .sorted()
                .forEach(i -> out.add(new PredictionSample(
                        i,
                        test.label(i),
                        eval.predicted()[i],
                        eval.probability()[i],
                        Base64.getEncoder().encodeToString(test.image(i)))));
        return out;
    }
}
