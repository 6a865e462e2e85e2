package ai.lenetlab.training.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Hand-made pictures through the preprocessing, each with the bytes worked out by hand. */
class ImageInputTest {

    @Test
    void aGrey28x28PngIsTakenAsItIsAndInvertedOnRequest() throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                image.getRaster().setSample(x, y, 0, (x * 9 + y) % 256);
            }
        }
        byte[] png = encode(image, "png");

        byte[] plain = ImageInput.fromEncoded(png, false);
        byte[] inverted = ImageInput.fromEncoded(png, true);
        for (int i = 0; i < 784; i++) {
            int expected = ((i % 28) * 9 + i / 28) % 256;
            assertThat(plain[i] & 0xff).as("pixel " + i).isEqualTo(expected);
            assertThat(inverted[i] & 0xff).as("pixel " + i).isEqualTo(255 - expected);
        }
    }

    @Test
    void colourBecomesGreyByLuma() throws IOException {
        // 0.299 × 255 = 76.2, 0.587 × 255 = 149.7, 0.114 × 255 = 29.1
        assertThat(uniform(Color.RED)).isEqualTo(76);
        assertThat(uniform(Color.GREEN)).isEqualTo(150);
        assertThat(uniform(Color.BLUE)).isEqualTo(29);
        assertThat(uniform(new Color(10, 200, 60))).isEqualTo(127); // 2.99 + 117.4 + 6.84 = 127.2
    }

    @Test
    void aLargerPictureIsAreaAveragedDownTo28() throws IOException {
        // 280 × 280: the top-left quarter white, and a 5-pixel white column at x 140..144 (half of
        // target column 14)
        BufferedImage image = new BufferedImage(280, 280, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 140, 140);
        g.fillRect(140, 200, 5, 80);
        g.dispose();

        byte[] out = ImageInput.fromEncoded(encode(image, "png"), false);
        assertThat(out[0] & 0xff).isEqualTo(255);
        assertThat(out[13 * 28 + 13] & 0xff).isEqualTo(255);
        assertThat(out[13 * 28 + 14] & 0xff).isZero();
        assertThat(out[14 * 28 + 13] & 0xff).isZero();
        assertThat(out[27 * 28 + 14] & 0xff).isEqualTo(128); // half of the 10 × 10 area is white: 127.5
        assertThat(out[27 * 28 + 15] & 0xff).isZero();
    }

    @Test
    void aWidePictureIsCentredOnBlack() throws IOException {
        BufferedImage image = new BufferedImage(56, 28, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 56, 28);
        g.dispose();

        byte[] out = ImageInput.fromEncoded(encode(image, "png"), false);
        // 28 × 14, rows 7..20
        for (int y = 0; y < 28; y++) {
            assertThat(out[y * 28 + 3] & 0xff).as("row " + y).isEqualTo(y >= 7 && y < 21 ? 255 : 0);
        }
    }

    @Test
    void transparencyIsBackgroundAndAJpegDecodes() throws IOException {
        BufferedImage clear = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB); // all transparent
        assertThat(ImageInput.fromEncoded(encode(clear, "png"), false)).containsOnly(0);
        assertThat(ImageInput.fromEncoded(encode(clear, "png"), true)).containsOnly(0);

        BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grey.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 28, 28);
        g.dispose();
        for (byte b : ImageInput.fromEncoded(encode(grey, "jpeg"), false)) {
            assertThat(b & 0xff).isBetween(126, 130); // JPEG is lossy
        }
    }

    @Test
    void numbersAreGreyValues() {
        List<Integer> values = new ArrayList<>(Collections.nCopies(784, 0));
        values.set(5, 200);
        assertThat(ImageInput.fromPixels(values, false)[5] & 0xff).isEqualTo(200);
        assertThat(ImageInput.fromPixels(values, true)[5] & 0xff).isEqualTo(55);
        assertThatThrownBy(() -> ImageInput.fromPixels(values.subList(0, 783), false))
                .hasMessageContaining("784 grey values");
        values.set(7, 256);
        assertThatThrownBy(() -> ImageInput.fromPixels(values, false)).hasMessageContaining("grey value 7 is 256");
    }

    @Test
    void badFilesAreRefusedWithTheirReason() throws IOException {
        assertThatThrownBy(() -> ImageInput.fromEncoded("hello".getBytes(), false))
                .isInstanceOf(BadImageException.class)
                .extracting(e -> ((BadImageException) e).kind())
                .isEqualTo(BadImageException.Kind.WRONG_TYPE);
        byte[] gif = encode(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_INDEXED), "gif");
        assertThatThrownBy(() -> ImageInput.fromEncoded(gif, false))
                .hasMessageContaining("a gif image; PNG or JPEG are accepted");
        byte[] png = encode(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png");
        byte[] cut = java.util.Arrays.copyOf(png, 45); // in the middle of the pixels (IDAT)
        assertThatThrownBy(() -> ImageInput.fromEncoded(cut, false))
                .extracting(e -> ((BadImageException) e).kind())
                .isEqualTo(BadImageException.Kind.UNREADABLE);
        // a PNG whose header says 10,000 × 10,000 (what a decompression bomb says): refused unread
        assertThatThrownBy(() -> ImageInput.fromEncoded(withSize(png, 10_000, 10_000), false))
                .extracting(e -> ((BadImageException) e).kind())
                .isEqualTo(BadImageException.Kind.TOO_LARGE);
    }

    /** A PNG with the width and height of its IHDR chunk changed (and the chunk's CRC fixed). */
    static byte[] withSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(16, width).putInt(20, height); // signature 8, length 4, "IHDR" 4
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17); // type and the 13 data bytes
        b.putInt(29, (int) crc.getValue());
        return out;
    }

    private static int uniform(Color colour) throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 28, 28);
        g.dispose();
        byte[] out = ImageInput.fromEncoded(encode(image, "png"), false);
        assertThat(out).containsOnly(out[0]);
        return out[0] & 0xff;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }
}
