package ai.lenetlab.contracts.api;

import java.util.List;

/**
 * {@code POST /api/runs/{id}/predict}: what the run's model says of each image, in the order sent.
 *
 * @param predictions one per image
 */
public record Predictions(List<Prediction> predictions) {

    /**
     * @param probabilities the ten class probabilities in class order (FashionMnistClasses)
     * @param label the most probable class
     * @param className its name
     * @param pixels the 28 × 28 grey image the model saw, a byte per pixel, row-major, base64
     */
    public record Prediction(List<Double> probabilities, int label, String className, String pixels) {}

    /**
     * The JSON form of a request: images as numbers, test images by index, or both (at most 100 in all).
     *
     * @param images each 784 grey values 0–255, row-major, light object on dark
     * @param testImages indexes into Fashion-MNIST's test set (the service's copy)
     * @param invert turn each given image's grey values around first (not the test images)
     */
    public record Request(List<List<Double>> images, List<Integer> testImages, boolean invert) {}
}
