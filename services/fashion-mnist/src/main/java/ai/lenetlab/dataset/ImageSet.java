package ai.lenetlab.dataset;

/**
 * Grey 28×28 images and their labels, kept as the bytes of the IDX files (uint8: 47 MB for the
 * training set); batches are normalised when they are made.
 */
public record ImageSet(byte[] pixels, byte[] labels) {

    public static final int ROWS = 28;
    public static final int COLUMNS = 28;
    public static final int PIXELS = ROWS * COLUMNS;

    public ImageSet {
        if (pixels.length != labels.length * PIXELS) {
            throw new IllegalArgumentException(
                    labels.length + " labels need " + labels.length * PIXELS + " pixels, got " + pixels.length);
        }
    }

    public int size() {
        return labels.length;
    }

    public int label(int index) {
        return labels[index];
    }

    /** The first {@code n} examples (all of them for n = 0 or n ≥ size), sharing no arrays. */
    public ImageSet head(int n) {
        if (n <= 0 || n >= size()) {
            return this;
        }
        byte[] p = new byte[n * PIXELS];
        System.arraycopy(pixels, 0, p, 0, p.length);
        byte[] l = new byte[n];
        System.arraycopy(labels, 0, l, 0, n);
        return new ImageSet(p, l);
    }

    /** Copies one image's 784 bytes. */
    public byte[] image(int index) {
        byte[] out = new byte[PIXELS];
        System.arraycopy(pixels, index * PIXELS, out, 0, PIXELS);
        return out;
    }
}
