package ai.lenetlab.dataset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Parses the IDX format of (Fashion-)MNIST: a big-endian header (magic, counts, dimensions)
 * followed by one unsigned byte per pixel or label. Files may be gzip-compressed; every structural
 * problem becomes a {@link DatasetException} that names the file and what was expected.
 */
public final class IdxReader {

    /** uint8 data, 3 dimensions: count × rows × columns. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** uint8 data, 1 dimension: count. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private IdxReader() {}

    /** Reads a whole file, decompressing it when it starts with the gzip magic bytes. */
    public static byte[] readDecompressed(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + " does not exist. " + DatasetException.HOW_TO_FIX);
        } catch (IOException e) {
            throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b) {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (ZipException | java.io.EOFException e) {
            throw new DatasetException(
                    file + " is not a complete gzip file (" + e.getMessage()
                            + "): the download was probably cut short. Delete it and fetch it again. "
                            + DatasetException.HOW_TO_FIX,
                    e);
        } catch (IOException e) {
            throw new DatasetException("cannot decompress " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param expectedCount the number of images the file must hold, or -1 for any
     * @return count × 28 × 28 pixels
     */
    public static byte[] parseImages(String name, byte[] idx, int expectedCount) {
        ByteBuffer header = header(name, idx, IMAGES_MAGIC, IMAGES_HEADER, "images");
        int count = header.getInt(4);
        int rows = header.getInt(8);
        int columns = header.getInt(12);
        if (rows != ImageSet.ROWS || columns != ImageSet.COLUMNS) {
            throw new DatasetException(
                    name + " holds " + rows + "×" + columns + " images; Fashion-MNIST images are 28×28.");
        }
        checkCount(name, count, expectedCount, "images");
        long expectedBytes = (long) count * ImageSet.PIXELS;
        checkBody(name, idx, IMAGES_HEADER, expectedBytes, count + " images of 28×28 bytes");
        byte[] pixels = new byte[(int) expectedBytes];
        System.arraycopy(idx, IMAGES_HEADER, pixels, 0, pixels.length);
        return pixels;
    }

    /**
     * @param expectedCount the number of labels the file must hold, or -1 for any
     * @return one byte per label, each 0–9
     */
    public static byte[] parseLabels(String name, byte[] idx, int expectedCount) {
        ByteBuffer header = header(name, idx, LABELS_MAGIC, LABELS_HEADER, "labels");
        int count = header.getInt(4);
        checkCount(name, count, expectedCount, "labels");
        checkBody(name, idx, LABELS_HEADER, count, count + " labels of one byte");
        byte[] labels = new byte[count];
        System.arraycopy(idx, LABELS_HEADER, labels, 0, count);
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new DatasetException(
                        name + ": label " + i + " is " + (labels[i] & 0xff) + "; Fashion-MNIST labels are 0–9.");
            }
        }
        return labels;
    }

    private static ByteBuffer header(String name, byte[] idx, int magic, int size, String what) {
        if (idx.length < size) {
            throw new DatasetException(name + " is truncated: an IDX file of " + what + " starts with a " + size
                    + "-byte header, but the file has only " + idx.length + " bytes.");
        }
        ByteBuffer header = ByteBuffer.wrap(idx, 0, size); // big-endian, as IDX is
        int found = header.getInt(0);
        if (found != magic) {
            throw new DatasetException(String.format(
                    "%s has the wrong magic number 0x%08X; expected 0x%08X (an IDX file of uint8 %s). "
                            + "Is it the right file, and decompressed correctly?",
                    name, found, magic, what));
        }
        return header;
    }

    private static void checkCount(String name, int count, int expected, String what) {
        if (count < 0 || (expected >= 0 && count != expected)) {
            throw new DatasetException(name + " says it holds " + count + " " + what
                    + (expected >= 0 ? "; expected " + expected + "." : "."));
        }
    }

    private static void checkBody(String name, byte[] idx, int headerSize, long expectedBytes, String what) {
        long found = idx.length - headerSize;
        if (found != expectedBytes) {
            throw new DatasetException(name + (found < expectedBytes ? " is truncated" : " is too long")
                    + ": its header announces " + what + " (" + expectedBytes + " bytes after the header), but "
                    + found + " bytes follow.");
        }
    }
}
