package ai.lenetlab.training;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.lenetlab.dataset.DatasetLocator;
import ai.lenetlab.dataset.FashionMnist;
import ai.lenetlab.dataset.FashionMnistLoader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real Fashion-MNIST for tests, loaded once per JVM. Tests that need it are skipped where it is
 * not installed; CI installs it ({@code apt-get install -y dataset-fashion-mnist}), so there they run.
 */
public final class RealDataset {

    private static FashionMnist cached;

    private RealDataset() {}

    public static synchronized FashionMnist get() {
        if (cached == null) {
            cached = FashionMnistLoader.load(dir());
        }
        return cached;
    }

    /** The folder with the real files ({@link DatasetLocator#installed()}); the test is skipped without it. */
    public static Path dir() {
        Optional<Path> dir = DatasetLocator.installed();
        assumeTrue(dir.isPresent(), DatasetLocator.NOT_INSTALLED);
        return dir.get();
    }
}
