package ai.lenetlab.training.predict;

import ai.lenetlab.dataset.ImageSet;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A picture as Fashion-MNIST's images are: 28 × 28 grey bytes, a light object on a dark background.
 * Colour becomes grey by luma (ITU-R 601: 0.299 R + 0.587 G + 0.114 B, as PIL's {@code
 * convert("L")}); the picture is scaled by area averaging so its longer side is 28 and centred on
 * black; {@code invert} turns a dark object on a light background (a photo on paper) around first.
 * Transparent pixels count as background. Dimensions are read from the header before anything is
 * decoded, and large pictures are decoded subsampled, so a decompression bomb costs nothing.
 */
public final class ImageInput {

    public static final int SIDE = ImageSet.ROWS;
    /** Each side at most, and the pixels at most, by the header. */
    public static final int MAX_SIDE = 8192;

    public static final long MAX_PIXELS = 40_000_000L;
    /** Decoded no larger than this many times the target: area averaging from there loses nothing visible. */
    private static final int DECODE_SIDE = 8 * SIDE;

    private static final Set<String> FORMATS = Set.of("png", "jpeg");

    private ImageInput() {}

    /** A PNG or JPEG file's bytes as 28 × 28 grey. */
    public static byte[] fromEncoded(byte[] file, boolean invert) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new BadImageException(BadImageException.Kind.WRONG_TYPE, "not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(format)) {
                    throw new BadImageException(
                            BadImageException.Kind.WRONG_TYPE, "a " + format + " image; PNG or JPEG are accepted");
                }
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
                    throw new BadImageException(
                            BadImageException.Kind.TOO_LARGE,
                            "the image is " + width + " × " + height + " pixels; at most " + MAX_SIDE + " a side and "
                                    + MAX_PIXELS + " in all are accepted");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.min(width, height) / DECODE_SIDE);
                param.setSourceSubsampling(step, step, 0, 0);
                return fromImage(reader.read(0, param), invert);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadImageException bad) {
                throw bad;
            }
            throw new BadImageException(
                    BadImageException.Kind.UNREADABLE, "the image does not decode: " + e.getMessage());
        }
    }

    /** 784 grey values 0–255, row-major, light object on dark (as the dataset stores them). */
    public static byte[] fromPixels(List<? extends Number> values, boolean invert) {
        if (values == null || values.size() != SIDE * SIDE) {
            throw new BadImageException(
                    BadImageException.Kind.UNREADABLE,
                    "an image as numbers needs " + SIDE * SIDE + " grey values, not "
                            + (values == null ? 0 : values.size()));
        }
        byte[] out = new byte[SIDE * SIDE];
        for (int i = 0; i < out.length; i++) {
            Number n = values.get(i);
            double v = n == null ? Double.NaN : n.doubleValue();
            if (!(v >= 0 && v <= 255)) {
                throw new BadImageException(
                        BadImageException.Kind.UNREADABLE, "grey value " + i + " is " + n + "; 0–255 are accepted");
            }
            int grey = (int) Math.round(v);
            out[i] = (byte) (invert ? 255 - grey : grey);
        }
        return out;
    }

    /** A decoded picture as 28 × 28 grey. */
    static byte[] fromImage(BufferedImage image, boolean invert) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] grey = new float[w * h];
        float[] alpha = new float[w * h];
        ColorModel colours = image.getColorModel();
        if (colours.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(colours instanceof IndexColorModel)) {
            // the file's grey values as they are: getRGB would convert Java's linear grey to sRGB
            Raster raster = image.getRaster();
            float greyMax = (1 << colours.getComponentSize(0)) - 1;
            boolean hasAlpha = raster.getNumBands() > 1;
            float alphaMax = hasAlpha ? (1 << colours.getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    grey[y * w + x] = raster.getSample(x, y, 0) * 255 / greyMax;
                    alpha[y * w + x] = hasAlpha ? raster.getSample(x, y, 1) / alphaMax : 1;
                }
            }
        } else {
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < argb.length; i++) {
                int p = argb[i];
                alpha[i] = (p >>> 24) / 255f;
                grey[i] = 0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff);
            }
        }
        float background = invert ? 255 : 0; // what becomes black
        for (int i = 0; i < grey.length; i++) {
            float v = alpha[i] * grey[i] + (1 - alpha[i]) * background;
            grey[i] = invert ? 255 - v : v;
        }
        int longer = Math.max(w, h);
        int tw = Math.max(1, Math.round((float) w * SIDE / longer));
        int th = Math.max(1, Math.round((float) h * SIDE / longer));
        float[] scaled = areaAverage(grey, w, h, tw, th);
        byte[] out = new byte[SIDE * SIDE];
        int left = (SIDE - tw) / 2;
        int top = (SIDE - th) / 2;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                int v = Math.round(scaled[y * tw + x]);
                out[(top + y) * SIDE + left + x] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return out;
    }

    /** Each target pixel is the mean of the source area it covers (fractional pixels weighted). */
    static float[] areaAverage(float[] src, int w, int h, int tw, int th) {
        float[] rows = new float[tw * h];
        for (int y = 0; y < h; y++) {
            resampleLine(src, y * w, 1, w, rows, y * tw, 1, tw);
        }
        float[] out = new float[tw * th];
        for (int x = 0; x < tw; x++) {
            resampleLine(rows, x, tw, h, out, x, tw, th);
        }
        return out;
    }

    private static void resampleLine(
            float[] src, int srcStart, int srcStride, int n, float[] dst, int dstStart, int dstStride, int m) {
        double scale = (double) n / m;
        for (int j = 0; j < m; j++) {
            double from = j * scale;
            double to = (j + 1) * scale;
            double sum = 0;
            for (int i = (int) Math.floor(from); i < Math.min(n, (int) Math.ceil(to)); i++) {
                double overlap = Math.min(to, i + 1) - Math.max(from, i);
                sum += overlap * src[srcStart + i * srcStride];
            }
            dst[dstStart + j * dstStride] = (float) (sum / scale);
        }
    }
}
