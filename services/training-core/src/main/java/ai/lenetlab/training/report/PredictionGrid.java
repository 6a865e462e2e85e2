package ai.lenetlab.training.report;

import ai.lenetlab.contracts.FashionMnistClasses;
import ai.lenetlab.contracts.PredictionSample;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * {@code predictions.png}: the sampled test images drawn from their pixels, each with the
 * predicted class and probability over the true class; mistakes framed and labelled in red.
 */
public final class PredictionGrid {

    private static final int COLUMNS = 8;
    private static final int SCALE = 3;
    private static final int IMAGE = 28 * SCALE;
    private static final int CELL_W = 128;
    private static final int CELL_H = IMAGE + 40;
    private static final Color MISTAKE = new Color(0xc62828);

    private PredictionGrid() {}

    public static void write(List<PredictionSample> samples, Path file) throws IOException {
        int rows = Math.max(1, (samples.size() + COLUMNS - 1) / COLUMNS);
        BufferedImage out = new BufferedImage(COLUMNS * CELL_W, rows * CELL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < samples.size(); i++) {
            draw(g, samples.get(i), (i % COLUMNS) * CELL_W, (i / COLUMNS) * CELL_H);
        }
        g.dispose();
        ImageIO.write(out, "png", file.toFile());
    }

    private static void draw(Graphics2D g, PredictionSample s, int x, int y) {
        byte[] pixels = Base64.getDecoder().decode(s.pixels());
        int left = x + (CELL_W - IMAGE) / 2;
        int top = y + 4;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                int v = 255 - (pixels[r * 28 + c] & 0xff); // dark garment on white, as the report shows
                g.setColor(new Color(v, v, v));
                g.fillRect(left + c * SCALE, top + r * SCALE, SCALE, SCALE);
            }
        }
        if (!s.correct()) {
            g.setColor(MISTAKE);
            g.setStroke(new BasicStroke(3f));
            g.drawRect(left - 2, top - 2, IMAGE + 3, IMAGE + 3);
        }
        g.setColor(s.correct() ? Color.BLACK : MISTAKE);
        g.drawString(
                String.format("%s %.0f%%", FashionMnistClasses.name(s.predictedLabel()), 100 * s.probability()),
                x + 4,
                top + IMAGE + 15);
        g.setColor(Color.DARK_GRAY);
        g.drawString("true: " + FashionMnistClasses.name(s.trueLabel()), x + 4, top + IMAGE + 29);
    }
}
