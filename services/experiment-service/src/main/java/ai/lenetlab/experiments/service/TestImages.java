package ai.lenetlab.experiments.service;

import ai.lenetlab.dataset.DatasetException;
import ai.lenetlab.dataset.DatasetLocator;
import ai.lenetlab.dataset.FashionMnistLoader;
import ai.lenetlab.dataset.ImageSet;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fashion-MNIST's test images, read once from this machine's copy (LENETLAB_DATA_DIR, else the
 * Debian package's folder; or downloaded and checksummed into the user cache, as workers do, with
 * {@code lenetlab.dataset.download}) to draw the images two runs disagree on. Without a copy the
 * service works all the same and lists the images without pixels, looking again once a minute.
 */
@ApplicationScoped
public class TestImages {

    static final String NOT_AVAILABLE = "the service has no copy of Fashion-MNIST's test images (install"
            + " dataset-fashion-mnist or set LENETLAB_DATA_DIR where it runs): images are listed without pixels";

    private static final Logger LOG = Logger.getLogger(TestImages.class);
    private static final Duration LOOK_AGAIN_AFTER = Duration.ofMinutes(1);

    @ConfigProperty(name = "lenetlab.dataset.download", defaultValue = "false")
    boolean download;

    private Optional<ImageSet> images = Optional.empty();
    private Instant lookedAt;

    /** With downloads on, fetches the dataset while the service starts rather than on the first question. */
    void onStart(@Observes StartupEvent started) {
        if (download) {
            Thread.ofVirtual().name("test-images").start(this::available);
        }
    }

    public boolean available() {
        return load().isPresent();
    }

    /** Image {@code index} of the test set (a byte per pixel, row-major); refused when there is none. */
    public byte[] image(int index) {
        ImageSet set = load().orElseThrow(() ->
                new Refusal(Refusal.Kind.CONFLICT, NOT_AVAILABLE.replace(": images are listed without pixels", "")));
        if (index < 0 || index >= set.size()) {
            throw new Refusal(
                    Refusal.Kind.INVALID, "test image " + index + " does not exist (0–" + (set.size() - 1) + ")");
        }
        return set.image(index);
    }

    /** Image {@code index} of the test set, base64 (a byte per pixel, row-major). */
    public String pixels(int index) {
        return Base64.getEncoder().encodeToString(load().orElseThrow().image(index));
    }

    private synchronized Optional<ImageSet> load() {
        if (images.isEmpty()
                && (lookedAt == null || lookedAt.plus(LOOK_AGAIN_AFTER).isBefore(Instant.now()))) {
            lookedAt = Instant.now();
            images = read();
        }
        return images;
    }

    private Optional<ImageSet> read() {
        try {
            Optional<Path> dir = download
                    ? Optional.of(DatasetLocator.standard().locate(DatasetLocator.explicitDir(null)))
                    : DatasetLocator.installed();
            if (dir.isEmpty()) {
                LOG.info(NOT_AVAILABLE);
                return Optional.empty();
            }
            return Optional.of(FashionMnistLoader.loadTestSet(dir.get()));
        } catch (DatasetException e) {
            LOG.warnf("cannot read Fashion-MNIST's test images: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
