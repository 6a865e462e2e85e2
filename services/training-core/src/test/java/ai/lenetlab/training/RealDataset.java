package ai.lenetlab.training;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.lenetlab.training.data.DatasetLocator;
import ai.lenetlab.training.data.FashionMnist;
import ai.lenetlab.training.data.FashionMnistLoader;
import java.nio.file.Path;

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

    /** The folder with the real files: LENETLAB_DATA_DIR, else the Debian package's. */
    public static Path dir() {
        Path dir = DatasetLocator.explicitDir(null);
        if (dir == null) {
            dir = DatasetLocator.DEBIAN_DIR;
        }
        assumeTrue(FashionMnistLoader.isComplete(dir),
                "Fashion-MNIST is not installed (apt-get install -y dataset-fashion-mnist)");
        return dir;
    }
}
