package ai.lenetlab.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistLoaderTest {

    @Test
    void realDatasetLoadsWithVerifiedChecksums() {
        FashionMnist data = FashionMnistLoader.load(realDir());

        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        assertThat(data.train().pixels()).hasSize(60_000 * 784);
        int[] perClass = new int[10];
        for (byte label : data.train().labels()) {
            perClass[label]++;
        }
        assertThat(perClass).containsOnly(6000); // Fashion-MNIST is balanced
    }

    @Test
    void checksumMismatchNamesTheFileAndBothHashes(@TempDir Path dir) throws Exception {
        // structurally perfect, but not the published file
        IdxFixtures.write(dir, DatasetFile.TRAIN_IMAGES.gzipName(), IdxFixtures.gzip(IdxFixtures.images(60_000)));
        IdxFixtures.write(dir, DatasetFile.TRAIN_LABELS.baseName(), IdxFixtures.labels(60_000));
        IdxFixtures.write(dir, DatasetFile.TEST_IMAGES.baseName(), IdxFixtures.images(10_000));
        IdxFixtures.write(dir, DatasetFile.TEST_LABELS.baseName(), IdxFixtures.labels(10_000));

        assertThatThrownBy(() -> FashionMnistLoader.load(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz fails its checksum")
                .hasMessageContaining("expected " + DatasetFile.TRAIN_IMAGES.sha256())
                .hasMessageContaining("apt-get install -y dataset-fashion-mnist");
    }

    @Test
    void explicitFolderWithoutTheFilesIsAnErrorNotAFallback(@TempDir Path dir) {
        DatasetLocator locator = new DatasetLocator(
                List.of(DatasetLocator.DEBIAN_DIR),
                dir.resolve("cache"),
                new DatasetDownloader(URI.create("http://127.0.0.1:9/")));

        assertThatThrownBy(() -> locator.locate(dir))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("does not hold the four Fashion-MNIST files");
    }

    @Test
    void offlineMachineWithoutDatasetGetsAClearMessage(@TempDir Path dir) {
        DatasetLocator locator = new DatasetLocator(
                List.of(dir.resolve("none")),
                dir.resolve("cache"),
                new DatasetDownloader(URI.create("http://127.0.0.1:9/"))); // nothing listens on port 9

        assertThatThrownBy(() -> locator.locate(null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("cannot download http://127.0.0.1:9/")
                .hasMessageContaining("apt-get install -y dataset-fashion-mnist");
        assertThat(dir.resolve("cache")).isEmptyDirectory();
    }

    /** The download path end to end, from a mirror on loopback serving the real files. */
    @Test
    void downloadsVerifiesAndCachesFromAMirror(@TempDir Path dir) throws Exception {
        Path source = realDir();
        AtomicInteger requests = new AtomicInteger();
        HttpServer mirror = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        mirror.createContext("/fashion/", exchange -> {
            requests.incrementAndGet();
            Path file = source.resolve(
                    Path.of(exchange.getRequestURI().getPath()).getFileName().toString());
            if (!Files.exists(file)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, Files.size(file));
                try (var out = exchange.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
            exchange.close();
        });
        mirror.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + mirror.getAddress().getPort() + "/fashion/");
            Path cache = dir.resolve("cache");
            DatasetLocator locator =
                    new DatasetLocator(List.of(dir.resolve("none")), cache, new DatasetDownloader(uri));

            assertThat(locator.locate(null)).isEqualTo(cache);
            assertThat(FashionMnistLoader.isComplete(cache)).isTrue();
            assertThat(requests.get()).isEqualTo(4);
            assertThat(locator.load(null).test().size()).isEqualTo(10_000);
            assertThat(requests.get())
                    .as("served from the cache the second time")
                    .isEqualTo(4);
        } finally {
            mirror.stop(0);
        }
    }

    /** A mirror that answers with an error, or with bytes that are not the dataset, stores nothing. */
    @Test
    void mirrorErrorsAndWrongBytesAreRefusedAndNothingIsCached(@TempDir Path dir) throws Exception {
        HttpServer mirror = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        mirror.createContext("/broken/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        byte[] impostor = IdxFixtures.gzip(IdxFixtures.labels(10_000)); // well-formed, but not Fashion-MNIST's bytes
        mirror.createContext("/impostor/", exchange -> {
            exchange.sendResponseHeaders(200, impostor.length);
            try (var out = exchange.getResponseBody()) {
                out.write(impostor);
            }
            exchange.close();
        });
        mirror.start();
        try {
            String base = "http://127.0.0.1:" + mirror.getAddress().getPort();
            Path cache = dir.resolve("cache");
            DatasetLocator broken = new DatasetLocator(
                    List.of(dir.resolve("none")), cache, new DatasetDownloader(URI.create(base + "/broken/")));
            assertThatThrownBy(() -> broken.locate(null))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("failed with HTTP 503");

            DatasetLocator impostorMirror = new DatasetLocator(
                    List.of(dir.resolve("none")), cache, new DatasetDownloader(URI.create(base + "/impostor/")));
            assertThatThrownBy(() -> impostorMirror.locate(null))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("SHA-256");
            assertThat(FashionMnistLoader.isComplete(cache)).isFalse();
            try (var files = Files.list(cache)) {
                assertThat(files.filter(f -> f.getFileName().toString().endsWith(".gz")))
                        .as("no unverified file is kept under a dataset name")
                        .isEmpty();
            }
        } finally {
            mirror.stop(0);
        }
    }

    /** The real files ({@link DatasetLocator#installed()}); the test is skipped where they are not installed. */
    private static Path realDir() {
        Optional<Path> dir = DatasetLocator.installed();
        assumeTrue(dir.isPresent(), DatasetLocator.NOT_INSTALLED);
        return dir.get();
    }
}
