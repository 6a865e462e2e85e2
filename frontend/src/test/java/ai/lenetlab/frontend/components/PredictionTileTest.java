package ai.lenetlab.frontend.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PredictionTileTest {

    @Test
    void drawsTheImageFromItsPixels() throws Exception {
        byte[] pixels = new byte[28 * 28];
        pixels[0] = (byte) 255;
        pixels[28 * 27 + 27] = (byte) 128;
        String url = PredictionTile.pngDataUrl(pixels);

        assertThat(url).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(
                new ByteArrayInputStream(Base64.getDecoder().decode(url.substring("data:image/png;base64,".length()))));
        assertThat(image.getWidth()).isEqualTo(28);
        assertThat(image.getRaster().getSample(0, 0, 0)).isEqualTo(255);
        assertThat(image.getRaster().getSample(27, 27, 0)).isEqualTo(128);
        assertThat(image.getRaster().getSample(1, 0, 0)).isZero();
    }

    @Test
    void refusesWrongSizes() {
        assertThatThrownBy(() -> PredictionTile.pngDataUrl(new byte[10])).hasMessageContaining("784");
    }
}
