package ai.lenetlab.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @Test
    void readsImagesAndLabelsRawOrGzipped(@TempDir Path dir) throws Exception {
        Path raw = IdxFixtures.write(dir, "images", IdxFixtures.images(3));
        Path gz = IdxFixtures.write(dir, "images.gz", IdxFixtures.gzip(IdxFixtures.images(3)));

        byte[] fromRaw = IdxReader.parseImages("images", IdxReader.readDecompressed(raw), 3);
        byte[] fromGz = IdxReader.parseImages("images.gz", IdxReader.readDecompressed(gz), 3);

        assertThat(fromRaw).hasSize(3 * 784).isEqualTo(fromGz);
        assertThat(fromRaw[784 + 5]).isEqualTo((byte) 6); // image 1, pixel 5
        assertThat(IdxReader.parseLabels("labels", IdxFixtures.labels(12), 12))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1);
    }

    @Test
    void truncatedBodyIsNamedWithExpectedAndFoundSizes() {
        byte[] idx = Arrays.copyOf(IdxFixtures.images(2), 16 + 784 + 100);

        assertThatThrownBy(() -> IdxReader.parseImages("t10k-images-idx3-ubyte", idx, 2))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte is truncated")
                .hasMessageContaining("1568 bytes after the header")
                .hasMessageContaining("884 bytes follow");
    }

    @Test
    void aFileLongerThanItsHeaderSaysIsRefused() {
        byte[] idx = Arrays.copyOf(IdxFixtures.labels(3), 8 + 3 + 5);

        assertThatThrownBy(() -> IdxReader.parseLabels("t10k-labels-idx1-ubyte", idx, 3))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("t10k-labels-idx1-ubyte is too long")
                .hasMessageContaining("(3 bytes after the header), but 8 bytes follow");
    }

    @Test
    void truncatedHeader() {
        assertThatThrownBy(() -> IdxReader.parseLabels("labels", new byte[] {0, 0, 8}, -1))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("labels is truncated")
                .hasMessageContaining("8-byte header");
    }

    @Test
    void wrongMagicSaysWhatWasExpected() {
        byte[] labelsAsImages = IdxFixtures.labels(784 + 8);

        assertThatThrownBy(() -> IdxReader.parseImages("train-images", labelsAsImages, -1))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("wrong magic number 0x00000801")
                .hasMessageContaining("expected 0x00000803");
    }

    @Test
    void countThatDoesNotMatchTheExpectedOne() {
        assertThatThrownBy(() -> IdxReader.parseImages("train-images", IdxFixtures.images(2), 60_000))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("holds 2 images; expected 60000");
    }

    @Test
    void imagesThatAreNot28By28() {
        byte[] idx = IdxFixtures.images(1);
        ByteBuffer.wrap(idx).putInt(8, 32);

        assertThatThrownBy(() -> IdxReader.parseImages("x", idx, -1))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("32×28");
    }

    @Test
    void labelOutOfRange() {
        byte[] idx = IdxFixtures.labels(3);
        idx[8 + 2] = 12;

        assertThatThrownBy(() -> IdxReader.parseLabels("labels", idx, 3))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("label 2 is 12");
    }

    @Test
    void cutGzipStreamIsReportedAsAnIncompleteDownload(@TempDir Path dir) throws Exception {
        byte[] gz = IdxFixtures.gzip(IdxFixtures.images(50));
        Path cut = IdxFixtures.write(dir, "train-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> IdxReader.readDecompressed(cut))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("not a complete gzip file")
                .hasMessageContaining("fetch it again");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> IdxReader.readDecompressed(dir.resolve("nope.gz")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("apt-get install -y dataset-fashion-mnist");
    }
}
