package ai.lenetlab.contracts;

/**
 * One test image with what the model made of it.
 *
 * @param index position in the test set
 * @param trueLabel class id 0–9 ({@link FashionMnistClasses})
 * @param predictedLabel the model's top class
 * @param probability the softmax probability of the predicted class
 * @param pixels the 28×28 grey image, row-major, one byte per pixel, base64
 */
public record PredictionSample(int index, int trueLabel, int predictedLabel, double probability, String pixels) {

    public boolean correct() {
        return trueLabel == predictedLabel;
    }
}
