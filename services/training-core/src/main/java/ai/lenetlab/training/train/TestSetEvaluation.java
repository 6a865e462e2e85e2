package ai.lenetlab.training.train;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.lenetlab.contracts.Augmentation;
import ai.lenetlab.contracts.FashionMnistClasses;
import ai.lenetlab.contracts.InputNormalization;
import ai.lenetlab.dataset.ImageSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A model's results on a test set: mean loss, accuracy, and each example's predicted class and its
 * probability (for the confusion matrix and the prediction grid).
 */
public record TestSetEvaluation(double loss, double accuracy, int[] predicted, float[] probability) {

    static final int BATCH_SIZE = 1000;

    /**
     * Runs {@code forward} (inference mode: dropout off, batch norm on running statistics) over the
     * whole set in order.
     */
    static TestSetEvaluation run(
            NDManager parent, UnaryOperator<NDList> forward, ImageSet set, InputNormalization normalization) {
        Loss loss = new SoftmaxCrossEntropyLoss();
        BatchAssembler batches =
                new BatchAssembler(Math.min(BATCH_SIZE, set.size()), normalization, Augmentation.NONE, 0);
        int n = set.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] predicted = new int[n];
        float[] probability = new float[n];
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += BATCH_SIZE) {
            int size = Math.min(BATCH_SIZE, n - from);
            try (NDManager manager = parent.newSubManager()) {
                NDList batch = batches.assemble(manager, set, order, from, size);
                NDArray logits = forward.apply(new NDList(batch.get(0))).singletonOrThrow();
                lossSum += loss.evaluate(new NDList(batch.get(1)), new NDList(logits))
                                .getFloat()
                        * size;
                NDArray probabilities = logits.softmax(1);
                long[] top = probabilities.argMax(1).toLongArray();
                float[] topProbability = probabilities.max(new int[] {1}).toFloatArray();
                for (int i = 0; i < size; i++) {
                    predicted[from + i] = (int) top[i];
                    probability[from + i] = topProbability[i];
                    if (top[i] == set.label(from + i)) {
                        correct++;
                    }
                }
            }
        }
        return new TestSetEvaluation(lossSum / n, (double) correct / n, predicted, probability);
    }

    /** Evaluates a trained (e.g. reloaded) model. */
    public static TestSetEvaluation of(Model model, ImageSet set, InputNormalization normalization) {
        ParameterStore parameters = new ParameterStore(model.getNDManager(), false);
        return run(model.getNDManager(), x -> model.getBlock().forward(parameters, x, false), set, normalization);
    }

    /** [true label][predicted label] counts. */
    public int[][] confusionMatrix(ImageSet set) {
        int[][] matrix = new int[FashionMnistClasses.COUNT][FashionMnistClasses.COUNT];
        for (int i = 0; i < predicted.length; i++) {
            matrix[set.label(i)][predicted[i]]++;
        }
        return matrix;
    }

    /** Share of each true class that was predicted right (null for a class absent from the set). */
    public static List<Double> perClassAccuracy(int[][] confusion) {
        List<Double> out = new ArrayList<>();
        for (int[] row : confusion) {
            long total = 0;
            for (int count : row) {
                total += count;
            }
            out.add(total == 0 ? null : (double) row[out.size()] / total);
        }
        return out;
    }
}
