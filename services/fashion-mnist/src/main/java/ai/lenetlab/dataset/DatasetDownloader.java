package ai.lenetlab.dataset;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Fetches the four files from a mirror into a cache folder. Each file is written to a temporary
 * name, verified (structure and SHA-256), and only then moved into place, so a cut download never
 * looks like a dataset.
 */
public final class DatasetDownloader {

    /** The dataset's public mirror, as published by Zalando Research. */
    public static final URI DEFAULT_MIRROR = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    private final URI mirror;
    private final HttpClient http;

    public DatasetDownloader(URI mirror) {
        this.mirror = mirror.toString().endsWith("/") ? mirror : URI.create(mirror + "/");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The mirror from {@code LENETLAB_DATA_MIRROR}, else the public one. */
    public static DatasetDownloader fromEnvironment() {
        String env = System.getenv("LENETLAB_DATA_MIRROR");
        return new DatasetDownloader(env == null || env.isBlank() ? DEFAULT_MIRROR : URI.create(env));
    }

    public URI mirror() {
        return mirror;
    }

    /** Downloads every file that {@code dir} lacks; throws a {@link DatasetException} on failure. */
    public void downloadMissing(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DatasetException("cannot create the dataset cache " + dir + ": " + e.getMessage(), e);
        }
        for (DatasetFile file : DatasetFile.values()) {
            if (FashionMnistLoader.find(dir, file) == null) {
                download(file, dir.resolve(file.gzipName()));
            }
        }
    }

    private void download(DatasetFile file, Path target) {
        URI uri = mirror.resolve(file.gzipName());
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            HttpResponse<Path> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofMinutes(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new DatasetException("downloading " + uri + " failed with HTTP " + response.statusCode() + ". "
                        + DatasetException.HOW_TO_FIX);
            }
            byte[] bytes = IdxReader.readDecompressed(partial);
            FashionMnistLoader.verifyChecksum(partial, bytes, file.sha256());
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DatasetException(
                    "cannot download " + uri + " (" + e + "); is this machine offline? " + DatasetException.HOW_TO_FIX,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("download of " + uri + " was interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover .part file is ignored by the loader and overwritten next time
            }
        }
    }
}
