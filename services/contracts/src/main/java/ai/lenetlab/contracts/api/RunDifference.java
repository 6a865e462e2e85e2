package ai.lenetlab.contracts.api;

import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/compare/difference?a=…&b=…}: where two runs' models differ on the test set — per
 * class and in the confusion matrix (B minus A), and the test images one gets right and the other
 * wrong.
 *
 * @param testImages how many test images both were evaluated on
 * @param perClass each class's test accuracy in A and in B, and B − A
 * @param confusionDelta B's confusion matrix minus A's, [true label][predicted label]
 * @param fixedCount images A got wrong and B right; null when a run kept no per-image predictions
 * @param brokenCount images A got right and B wrong; null likewise
 * @param fixed the first of them in test-set order, at most the {@code limit} asked for
 * @param broken likewise
 * @param note what is missing and why (no per-image predictions, no pixels), or null
 */
public record RunDifference(
        UUID a,
        UUID b,
        String labelA,
        String labelB,
        int testImages,
        List<ClassDifference> perClass,
        int[][] confusionDelta,
        Integer fixedCount,
        Integer brokenCount,
        List<ChangedImage> fixed,
        List<ChangedImage> broken,
        String note) {

    /** One class: test accuracy in A and B (null where the test set has none of it), B − A. */
    public record ClassDifference(int label, String name, Double accuracyA, Double accuracyB, Double difference) {}

    /**
     * A test image the two runs disagree on.
     *
     * @param pixels the 28×28 grey image, row-major, a byte per pixel, base64; null where the service
     *     has no copy of the test set
     */
    public record ChangedImage(int index, int trueLabel, int predictedA, int predictedB, String pixels) {}
}
