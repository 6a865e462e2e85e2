package ai.lenetlab.experiments.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.lenetlab.contracts.TestPredictions;
import ai.lenetlab.dataset.DatasetLocator;
import ai.lenetlab.dataset.FashionMnistLoader;
import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.messaging.RunResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/compare/difference} over results a worker would send (a per-image byte each) and the
 * service stores: which test images one run fixes or breaks, per class and in the confusion matrix.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class RunDifferenceTest extends BrokerTest {

    private static final int IMAGES = 100;

    @Test
    void saysWhichTestImagesTheSecondRunFixesAndBreaks() {
        List<UUID> runs = TestRuns.submit("difference", 2, 1);
        // the true class of image i is i % 10; A misses 3, 14 and 25, B misses 14 and 50
        complete(runs.get(0), predictions(Set.of(3, 14, 25)));
        complete(runs.get(1), predictions(Set.of(14, 50)));

        JsonPath answer = given().get("/api/compare/difference?a=" + runs.get(0) + "&b=" + runs.get(1))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(answer.getInt("testImages")).isEqualTo(IMAGES);
        assertThat(answer.getInt("fixedCount")).isEqualTo(2);
        assertThat(answer.getInt("brokenCount")).isEqualTo(1);
        assertThat(answer.getList("fixed.index", Integer.class)).containsExactly(3, 25);
        assertThat(answer.getList("broken.index", Integer.class)).containsExactly(50);
        assertThat(answer.getInt("fixed[0].trueLabel")).isEqualTo(3);
        assertThat(answer.getInt("fixed[0].predictedA")).isEqualTo(4);
        assertThat(answer.getInt("fixed[0].predictedB")).isEqualTo(3);
        // class 3: A got 9 of 10 right, B 10 of 10; class 0: 10 and 9
        assertThat(answer.getDouble("perClass[3].difference")).isCloseTo(0.1, within());
        assertThat(answer.getDouble("perClass[0].difference")).isCloseTo(-0.1, within());
        assertThat(answer.getString("perClass[3].name")).isEqualTo("Dress");
        assertThat(answer.getInt("confusionDelta[3][3]")).isEqualTo(1);
        assertThat(answer.getInt("confusionDelta[3][4]")).isEqualTo(-1);

        Optional<Path> dataset = DatasetLocator.installed();
        if (dataset.isPresent()) { // CI installs it: the images are drawn from the real test set
            byte[] image3 = FashionMnistLoader.loadTestSet(dataset.get()).image(3);
            assertThat(Base64.getDecoder().decode(answer.getString("fixed[0].pixels")))
                    .isEqualTo(image3);
            assertThat(answer.getString("note")).isNull();
        } else {
            assertThat(answer.getString("fixed[0].pixels")).isNull();
            assertThat(answer.getString("note")).contains("no copy of Fashion-MNIST");
        }

        given().get("/api/compare/difference?a=" + runs.get(0) + "&b=" + runs.get(1) + "&limit=1")
                .then()
                .statusCode(200)
                .body("fixed.size()", equalTo(1))
                .body("fixedCount", equalTo(2));
    }

    @Test
    void refusesWhatItCannotCompare() {
        List<UUID> runs = TestRuns.submit("difference refused", 3, 1);
        complete(runs.get(0), predictions(Set.of()));

        // a run without a result yet
        given().get("/api/compare/difference?a=" + runs.get(0) + "&b=" + runs.get(1))
                .then()
                .statusCode(409)
                .contentType(containsString("problem+json"))
                .body("detail", containsString("no test-set result"));
        // tested on another number of images
        complete(runs.get(1), encode(new int[50], 50));
        given().get("/api/compare/difference?a=" + runs.get(0) + "&b=" + runs.get(1))
                .then()
                .statusCode(409)
                .body("detail", containsString("different test sets (100 and 50 images)"));
        given().get("/api/compare/difference?a=" + runs.get(0)).then().statusCode(400);
        given().get("/api/compare/difference?a=nope&b=" + runs.get(0)).then().statusCode(400);
        given().get("/api/compare/difference?a=" + runs.get(0) + "&b=" + runs.get(0) + "&limit=100000")
                .then()
                .statusCode(400);
        given().get("/api/compare/difference?a=" + UUID.randomUUID() + "&b=" + runs.get(0))
                .then()
                .statusCode(404);
    }

    @Test
    void aRunFromBeforePerImagePredictionsStillComparesPerClass() {
        List<UUID> runs = TestRuns.submit("difference old", 2, 1);
        complete(runs.get(0), predictions(Set.of(3)));
        RunResult withPredictions = predictions(Set.of());
        complete(runs.get(1), withResult(withPredictions, null));

        given().get("/api/compare/difference?a=" + runs.get(0) + "&b=" + runs.get(1))
                .then()
                .statusCode(200)
                .body("perClass[3].difference", equalTo(0.1f))
                .body("fixedCount", equalTo(null))
                .body("note", containsString("kept no per-image predictions"));
    }

    @Test
    void predictionsThatContradictTheirConfusionMatrixAreNotKept() {
        List<UUID> runs = TestRuns.submit("difference forged", 2, 1);
        complete(runs.get(0), predictions(Set.of()));
        byte[] forged = predictions(Set.of(7)).testPredictions(); // says image 7 was missed
        complete(runs.get(1), withResult(predictions(Set.of()), forged)); // the matrix says none was

        given().get("/api/compare/difference?a=" + runs.get(0) + "&b=" + runs.get(1))
                .then()
                .statusCode(200)
                .body("fixedCount", equalTo(null));
    }

    /** A run's result on 100 images whose true class is i % 10, wrong (class + 1) for {@code missed}. */
    private static RunResult predictions(Set<Integer> missed) {
        int[] predicted = new int[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            predicted[i] = missed.contains(i) ? (i + 1) % 10 : i % 10;
        }
        return encode(predicted, IMAGES);
    }

    private static RunResult encode(int[] predicted, int images) {
        byte[] truth = new byte[images];
        int[][] confusion = new int[10][10];
        for (int i = 0; i < images; i++) {
            truth[i] = (byte) (i % 10);
            confusion[i % 10][predicted[i]]++;
        }
        List<Double> perClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            int total = 0;
            for (int n : confusion[c]) {
                total += n;
            }
            perClass.add(total == 0 ? null : (double) confusion[c][c] / total);
        }
        return new RunResult(
                confusion, perClass, List.of(), 1.0, null, null, TestPredictions.encode(truth, predicted), null);
    }

    private static RunResult withResult(RunResult result, byte[] predictions) {
        return new RunResult(
                result.confusionMatrix(),
                result.perClassAccuracy(),
                result.predictions(),
                result.totalSeconds(),
                null,
                null,
                predictions,
                result.environment());
    }

    private void complete(UUID run, RunResult result) {
        TestRuns.complete(kafka, run, result);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
