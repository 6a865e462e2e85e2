package ai.lenetlab.dataset;

/**
 * The four files of Fashion-MNIST, with the IDX header they must carry and the SHA-256 of their
 * decompressed bytes (the dataset's published files).
 */
public enum DatasetFile {
    TRAIN_IMAGES(
            "train-images-idx3-ubyte",
            IdxReader.IMAGES_MAGIC,
            60_000,
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
    TRAIN_LABELS(
            "train-labels-idx1-ubyte",
            IdxReader.LABELS_MAGIC,
            60_000,
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
    TEST_IMAGES(
            "t10k-images-idx3-ubyte",
            IdxReader.IMAGES_MAGIC,
            10_000,
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
    TEST_LABELS(
            "t10k-labels-idx1-ubyte",
            IdxReader.LABELS_MAGIC,
            10_000,
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private final String baseName;
    private final int magic;
    private final int count;
    private final String sha256;

    DatasetFile(String baseName, int magic, int count, String sha256) {
        this.baseName = baseName;
        this.magic = magic;
        this.count = count;
        this.sha256 = sha256;
    }

    /** The name without compression suffix, e.g. {@code t10k-images-idx3-ubyte}. */
    public String baseName() {
        return baseName;
    }

    /** The name the mirrors and Debian use: gzip-compressed. */
    public String gzipName() {
        return baseName + ".gz";
    }

    public int magic() {
        return magic;
    }

    public int count() {
        return count;
    }

    public String sha256() {
        return sha256;
    }
}
