package ai.lenetlab.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.lenetlab.contracts.Augmentation;
import ai.lenetlab.contracts.InputNormalization;
import ai.lenetlab.dataset.ImageSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Turns examples of an {@link ImageSet} into a batch: images as float32 (n, 1, 28, 28), normalised,
 * and int64 labels (n).
 *
 * <p>The PyTorch engine wraps a direct buffer handed to {@code NDManager.create} instead of copying
 * it, and keeps it referenced. A fresh buffer per batch therefore piles up gigabytes of direct
 * memory over a run; this class fills the same two buffers for every batch, which is safe because
 * the uint8 tensor is converted (copied) to float32 at once and the labels die with the batch.
 */
final class BatchAssembler {

    /** Mean and standard deviation of the training set's pixels in [0,1]. */
    static final float TRAIN_MEAN = 0.2860f;

    static final float TRAIN_STD = 0.3530f;

    private final ByteBuffer pixels;
    private final ByteBuffer labels;
    private final InputNormalization normalization;
    private final Augmentation augmentation;
    private final Random random;
    private final byte[] image = new byte[ImageSet.PIXELS];

    BatchAssembler(int maxBatchSize, InputNormalization normalization, Augmentation augmentation, long seed) {
        this.pixels = ByteBuffer.allocateDirect(maxBatchSize * ImageSet.PIXELS);
        this.labels = ByteBuffer.allocateDirect(maxBatchSize * Long.BYTES).order(ByteOrder.nativeOrder());
        this.normalization = normalization;
        this.augmentation = augmentation;
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    /** The batch of examples {@code order[from .. from+size)}, attached to {@code manager}. */
    NDList assemble(NDManager manager, ImageSet set, int[] order, int from, int size) {
        byte[] source = set.pixels();
        for (int i = 0; i < size; i++) {
            int example = order[from + i];
            System.arraycopy(source, example * ImageSet.PIXELS, image, 0, ImageSet.PIXELS);
            if (augmentation != Augmentation.NONE) {
                augment(image);
            }
            pixels.put(i * ImageSet.PIXELS, image);
            labels.putLong(i * Long.BYTES, set.label(example));
        }
        NDArray raw = manager.create(
                pixels.slice(0, size * ImageSet.PIXELS),
                new Shape(size, 1, ImageSet.ROWS, ImageSet.COLUMNS),
                DataType.UINT8);
        NDArray images = raw.toType(DataType.FLOAT32, false);
        raw.close();
        normalise(images);
        NDArray labelArray = manager.create(labels.slice(0, size * Long.BYTES), new Shape(size), DataType.INT64);
        return new NDList(images, labelArray);
    }

    /** ToTensor() (÷255), then Normalize(mean, std) where the config asks for it; in place. */
    private void normalise(NDArray images) {
        images.divi(255f);
        switch (normalization) {
            case UNIT -> {}
            case CENTERED -> images.subi(0.5f).divi(0.5f);
            case STANDARDIZED -> images.subi(TRAIN_MEAN).divi(TRAIN_STD);
        }
    }

    /** Random horizontal flip, and for flip-shift a random shift of up to 2 pixels (zero fill). */
    private void augment(byte[] img) {
        boolean flip = random.nextBoolean();
        int dx = 0;
        int dy = 0;
        if (augmentation == Augmentation.FLIP_SHIFT) {
            dx = random.nextInt(5) - 2;
            dy = random.nextInt(5) - 2;
        }
        if (!flip && dx == 0 && dy == 0) {
            return;
        }
        byte[] src = img.clone();
        for (int r = 0; r < ImageSet.ROWS; r++) {
            int sr = r - dy;
            for (int c = 0; c < ImageSet.COLUMNS; c++) {
                int sc = (flip ? ImageSet.COLUMNS - 1 - c : c) - dx;
                boolean inside = sr >= 0 && sr < ImageSet.ROWS && sc >= 0 && sc < ImageSet.COLUMNS;
                img[r * ImageSet.COLUMNS + c] = inside ? src[sr * ImageSet.COLUMNS + sc] : 0;
            }
        }
    }
}
