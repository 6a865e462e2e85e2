package ai.lenetlab.frontend.components;

import ai.lenetlab.contracts.FashionMnistClasses;
import ai.lenetlab.contracts.PredictionSample;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/** One test image of the prediction grid: the 28×28 pixels, predicted vs true label, the probability. */
public class PredictionTile extends Div {

    public static final int SIDE = 28;

    public PredictionTile(PredictionSample sample) {
        addClassName("prediction");
        Image image = new Image(
                pngDataUrl(Base64.getDecoder().decode(sample.pixels())),
                "test image " + sample.index() + ": " + FashionMnistClasses.name(sample.trueLabel()));
        image.addClassName("pixels");
        Span predicted = new Span(FashionMnistClasses.name(sample.predictedLabel())
                + String.format(Locale.ROOT, " (%.0f %%)", sample.probability() * 100));
        predicted.addClassName("predicted");
        Span truth = new Span("true: " + FashionMnistClasses.name(sample.trueLabel()));
        truth.addClassName("truth");
        add(image, predicted, truth);
        if (!sample.correct()) {
            addClassName("mistake");
            getElement().setAttribute("title", "misclassified");
        }
    }

    /** A grey-scale PNG of row-major 28×28 bytes, as a data URL the browser can show directly. */
    public static String pngDataUrl(byte[] pixels) {
        if (pixels.length != SIDE * SIDE) {
            throw new IllegalArgumentException("expected " + SIDE * SIDE + " pixels, got " + pixels.length);
        }
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, SIDE, SIDE, pixels);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }
}
