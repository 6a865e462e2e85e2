package ai.lenetlab.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds Fashion-MNIST, in this order: the folder the user named ({@code --data-dir} or
 * {@code LENETLAB_DATA_DIR}), which is then the only place looked at; the Debian package's folder;
 * the user cache; and last a download from the mirror into the user cache.
 */
public final class DatasetLocator {

    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** What to do when {@link #installed()} finds nothing; tests skip with it. */
    public static final String NOT_INSTALLED =
            "Fashion-MNIST is not installed (apt-get install -y dataset-fashion-mnist, or set LENETLAB_DATA_DIR)";

    private final List<Path> installedDirs;
    private final Path cacheDir;
    private final DatasetDownloader downloader;

    public DatasetLocator(List<Path> installedDirs, Path cacheDir, DatasetDownloader downloader) {
        this.installedDirs = List.copyOf(installedDirs);
        this.cacheDir = cacheDir;
        this.downloader = downloader;
    }

    /**
     * The complete dataset already on this machine (LENETLAB_DATA_DIR, else the Debian package's
     * folder), without downloading: the one gate of every test that trains on the real files.
     */
    public static Optional<Path> installed() {
        Path dir = explicitDir(null);
        return Optional.of(dir == null ? DEBIAN_DIR : dir).filter(FashionMnistLoader::isComplete);
    }

    /** The standard places of this machine. */
    public static DatasetLocator standard() {
        return new DatasetLocator(List.of(DEBIAN_DIR), userCacheDir(), DatasetDownloader.fromEnvironment());
    }

    /** {@code $XDG_CACHE_HOME/lenetlab/fashion-mnist}, by default under {@code ~/.cache}. */
    public static Path userCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return base.resolve("lenetlab").resolve("fashion-mnist");
    }

    /** The folder the user named: the argument if given, else {@code LENETLAB_DATA_DIR}, else null. */
    public static Path explicitDir(Path argument) {
        if (argument != null) {
            return argument;
        }
        String env = System.getenv("LENETLAB_DATA_DIR");
        return env == null || env.isBlank() ? null : Path.of(env);
    }

    /** The folder that holds all four files, downloading them if nothing else has them. */
    public Path locate(Path explicitDir) {
        if (explicitDir != null) {
            if (!FashionMnistLoader.isComplete(explicitDir)) {
                throw new DatasetException("the data folder " + explicitDir + " (from --data-dir or "
                        + "LENETLAB_DATA_DIR) does not hold the four Fashion-MNIST files "
                        + "(train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
                        + "t10k-labels-idx1-ubyte, each .gz or raw). " + DatasetException.HOW_TO_FIX);
            }
            return explicitDir;
        }
        for (Path dir : installedDirs) {
            if (FashionMnistLoader.isComplete(dir)) {
                return dir;
            }
        }
        if (!FashionMnistLoader.isComplete(cacheDir)) {
            downloader.downloadMissing(cacheDir);
        }
        return cacheDir;
    }

    /** Locates and loads the dataset. */
    public FashionMnist load(Path explicitDir) {
        return FashionMnistLoader.load(locate(explicitDir));
    }
}
