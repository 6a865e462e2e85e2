package ai.lenetlab.experiments;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.RunReport;
import ai.lenetlab.contracts.Sha256;
import ai.lenetlab.dataset.DatasetLocator;
import ai.lenetlab.dataset.FashionMnist;
import ai.lenetlab.dataset.FashionMnistLoader;
import ai.lenetlab.infra.KafkaTestClient;
import ai.lenetlab.messaging.RunResult;
import ai.lenetlab.training.train.TrainingRun;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A run trained for real, in the test's JVM, on a small subset of the real Fashion-MNIST, and handed
 * to the service as a worker hands it over (COMPLETED with the model and the per-image predictions).
 * Trained once per JVM; tests that need it are skipped where the dataset is not installed (CI has it).
 */
public final class TrainedRuns {

    /** Model-2, one epoch on 1,024 training images, tested on the first 200 test images. */
    public static final RunConfig CONFIG = Presets.MODEL_2.toBuilder()
            .epochs(1)
            .trainSamples(1024)
            .testSamples(200)
            .seed(5)
            .build();

    /** What the in-process training produced: its report and its DJL parameter file. */
    public record Trained(RunReport report, byte[] parameters) {}

    private static Trained trained;

    private TrainedRuns() {}

    public static synchronized Trained trained() {
        if (trained == null) {
            trained = train();
        }
        return trained;
    }

    /** Submits a run of {@link #CONFIG} and completes it with the trained model; returns its id. */
    public static UUID completed(KafkaTestClient kafka, String name) {
        Trained model = trained();
        UUID run = UUID.fromString(given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"runs\":[{\"preset\":\"model-2\",\"overrides\":{\"epochs\":1,"
                        + "\"trainSamples\":1024,\"testSamples\":200},\"seeds\":[5]}]}")
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .<String>path("runs[0].id"));
        RunReport report = model.report();
        TestRuns.complete(
                kafka,
                run,
                new RunResult(
                        report.confusionMatrix(),
                        report.perClassAccuracy(),
                        report.predictions(),
                        report.totalSeconds(),
                        Base64.getEncoder().encodeToString(model.parameters()),
                        Sha256.hex(model.parameters()),
                        report.testPredictions(),
                        report.environment()));
        return run;
    }

    private static Trained train() {
        Optional<Path> dir = DatasetLocator.installed();
        assumeTrue(dir.isPresent(), DatasetLocator.NOT_INSTALLED);
        try {
            FashionMnist data = FashionMnistLoader.load(dir.get());
            Path file = Files.createTempFile("trained-run", ".params");
            try {
                RunReport report =
                        new TrainingRun(CONFIG, data).saveModelTo(file).run();
                return new Trained(report, Files.readAllBytes(file));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
