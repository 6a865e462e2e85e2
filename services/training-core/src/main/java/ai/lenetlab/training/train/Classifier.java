package ai.lenetlab.training.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.lenetlab.contracts.Augmentation;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.dataset.ImageSet;
import ai.lenetlab.training.model.ModelFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * A trained model that answers the class probabilities of 28 × 28 grey images, scaled as its
 * training scaled them (the batches of the test passes: {@link BatchAssembler}). One call at a time.
 */
public final class Classifier implements AutoCloseable {

    private final Model model;
    private final RunConfig config;
    private boolean closed;

    private Classifier(Model model, RunConfig config) {
        this.model = model;
        this.config = config;
    }

    /** Loads DJL parameters of {@code config}'s architecture, on the CPU. */
    public static Classifier load(RunConfig config, byte[] parameters) throws IOException {
        return new Classifier(ModelFiles.load(config, new ByteArrayInputStream(parameters), Device.cpu()), config);
    }

    /** For each image (784 bytes, row-major), the ten class probabilities in class order. */
    public synchronized float[][] probabilities(List<byte[]> images) {
        if (closed) {
            throw new IllegalStateException("this model was closed");
        }
        int n = images.size();
        byte[] pixels = new byte[n * ImageSet.PIXELS];
        for (int i = 0; i < n; i++) {
            System.arraycopy(images.get(i), 0, pixels, i * ImageSet.PIXELS, ImageSet.PIXELS);
        }
        ImageSet set = new ImageSet(pixels, new byte[n]);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[][] out = new float[n][];
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList batch = new BatchAssembler(n, config.normalization(), Augmentation.NONE, 0)
                    .assemble(manager, set, order, 0, n);
            NDArray logits = model.getBlock()
                    .forward(new ParameterStore(manager, false), new NDList(batch.get(0)), false)
                    .singletonOrThrow();
            float[] flat = logits.softmax(1).toFloatArray();
            int classes = flat.length / n;
            for (int i = 0; i < n; i++) {
                out[i] = java.util.Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
            }
        }
        return out;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Waits for a call under way. */
    @Override
    public synchronized void close() {
        closed = true;
        model.close();
    }
}
