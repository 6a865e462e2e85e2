package ai.lenetlab.training.cli;

import ai.lenetlab.dataset.DatasetLocator;
import ai.lenetlab.dataset.FashionMnist;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}, and loading the dataset from it or the standard places. */
final class DataOptions {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Folder with the four IDX files (default: LENETLAB_DATA_DIR, the Debian package, the cache).")
    Path dataDir;

    FashionMnist load() {
        return DatasetLocator.standard().load(DatasetLocator.explicitDir(dataDir));
    }
}
