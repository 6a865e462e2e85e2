package ai.lenetlab.frontend.components;

import ai.lenetlab.contracts.FashionMnistClasses;
import ai.lenetlab.contracts.api.RunDifference.ChangedImage;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import java.util.Base64;

/** A test image two runs disagree on: its pixels (when the service has them), what A and B said, the truth. */
public class ChangedImageTile extends Div {

    public ChangedImageTile(ChangedImage image) {
        addClassName("prediction");
        getElement().setAttribute("data-index", String.valueOf(image.index()));
        String truth = FashionMnistClasses.name(image.trueLabel());
        if (image.pixels() != null) {
            Image pixels = new Image(
                    PredictionTile.pngDataUrl(Base64.getDecoder().decode(image.pixels())),
                    "test image " + image.index() + ": " + truth);
            pixels.addClassName("pixels");
            add(pixels);
        }
        Span a = new Span("A: " + FashionMnistClasses.name(image.predictedA()));
        Span b = new Span("B: " + FashionMnistClasses.name(image.predictedB()));
        (image.predictedA() == image.trueLabel() ? a : b).addClassName("right");
        (image.predictedA() == image.trueLabel() ? b : a).addClassName("wrong");
        Span trueLabel = new Span("true: " + truth + " · #" + image.index());
        trueLabel.addClassName("truth");
        add(a, b, trueLabel);
    }
}
