package ai.lenetlab.dataset;

import ai.lenetlab.contracts.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the four Fashion-MNIST files of one folder, checking structure and SHA-256. */
public final class FashionMnistLoader {

    private FashionMnistLoader() {}

    /** Loads and verifies the dataset from {@code dir}. */
    public static FashionMnist load(Path dir) {
        return new FashionMnist(
                loadSet(dir, DatasetFile.TRAIN_IMAGES, DatasetFile.TRAIN_LABELS),
                loadSet(dir, DatasetFile.TEST_IMAGES, DatasetFile.TEST_LABELS));
    }

    /** Loads and verifies only the test set from {@code dir} (7.8 MB of the 55 MB). */
    public static ImageSet loadTestSet(Path dir) {
        return loadSet(dir, DatasetFile.TEST_IMAGES, DatasetFile.TEST_LABELS);
    }

    private static ImageSet loadSet(Path dir, DatasetFile imagesFile, DatasetFile labelsFile) {
        byte[] pixels = read(dir, imagesFile, IdxReader::parseImages);
        byte[] labels = read(dir, labelsFile, IdxReader::parseLabels);
        if (pixels.length / ImageSet.PIXELS != labels.length) {
            throw new DatasetException(imagesFile.baseName() + " holds " + pixels.length / ImageSet.PIXELS
                    + " images but " + labelsFile.baseName() + " holds " + labels.length + " labels.");
        }
        return new ImageSet(pixels, labels);
    }

    /** Reads one file, checks its structure, then the SHA-256 of its decompressed bytes. */
    private static byte[] read(Path dir, DatasetFile file, IdxParser parser) {
        Path path = find(dir, file);
        if (path == null) {
            throw new DatasetException("Fashion-MNIST file " + file.gzipName() + " (or " + file.baseName()
                    + ") is missing in " + dir + ". " + DatasetException.HOW_TO_FIX);
        }
        byte[] bytes = IdxReader.readDecompressed(path);
        byte[] body = parser.parse(path.toString(), bytes, file.count());
        verifyChecksum(path, bytes, file.sha256());
        return body;
    }

    @FunctionalInterface
    private interface IdxParser {
        byte[] parse(String name, byte[] idx, int expectedCount);
    }

    /** The file of {@code dir} that holds {@code file}, gzip-compressed or raw; null if none. */
    public static Path find(Path dir, DatasetFile file) {
        for (String name : new String[] {file.gzipName(), file.baseName()}) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether {@code dir} has all four files (not yet verified). */
    public static boolean isComplete(Path dir) {
        for (DatasetFile f : DatasetFile.values()) {
            if (find(dir, f) == null) {
                return false;
            }
        }
        return true;
    }

    /** Throws unless the SHA-256 of {@code bytes} is {@code expected}. */
    public static void verifyChecksum(Path path, byte[] bytes, String expected) {
        String actual = Sha256.hex(bytes);
        if (!actual.equals(expected)) {
            throw new DatasetException(path + " fails its checksum: the SHA-256 of its decompressed bytes is "
                    + actual + ", expected " + expected + ". The file is damaged or not the published "
                    + "Fashion-MNIST file; delete it and fetch it again. " + DatasetException.HOW_TO_FIX);
        }
    }
}
