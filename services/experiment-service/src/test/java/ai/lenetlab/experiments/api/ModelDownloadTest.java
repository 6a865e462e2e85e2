package ai.lenetlab.experiments.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import ai.lenetlab.contracts.Sha256;
import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.experiments.TrainedRuns;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.training.model.SafetensorsWeights;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/runs/{id}/model}: DJL's file as trained (the default), or safetensors for PyTorch
 * (SafetensorsWeightsTest loads those into PyTorch); unknown formats and runs without a model refused.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class ModelDownloadTest extends BrokerTest {

    @Test
    void theModelComesAsTrainedOrAsSafetensors() throws Exception {
        UUID run = TrainedRuns.completed(kafka, "model download");
        byte[] trained = TrainedRuns.trained().parameters();

        ExtractableResponse<Response> djl = given().get("/api/runs/" + run + "/model")
                .then()
                .statusCode(200)
                .extract();
        assertThat(djl.asByteArray()).isEqualTo(trained);
        assertThat(djl.header("Content-Disposition")).contains("lenet-" + run + ".params");

        ExtractableResponse<Response> safetensors = given().get("/api/runs/" + run + "/model?format=safetensors")
                .then()
                .statusCode(200)
                .extract();
        byte[] expected = SafetensorsWeights.of(TrainedRuns.CONFIG, trained);
        assertThat(safetensors.asByteArray()).isEqualTo(expected);
        assertThat(safetensors.header("Content-Disposition")).contains("lenet-" + run + ".safetensors");
        assertThat(safetensors.header("Digest")).isEqualTo("sha-256=" + Sha256.hex(expected));
    }

    @Test
    void unknownFormatsAndRunsWithoutAModelAreRefused() {
        List<UUID> runs = TestRuns.submit("no model", 1, 1);
        given().get("/api/runs/" + runs.get(0) + "/model?format=onnx")
                .then()
                .statusCode(400)
                .contentType(containsString("problem+json"))
                .body("detail", containsString("djl or safetensors"));
        TestRuns.complete(kafka, runs.get(0), TestRuns.result());
        given().get("/api/runs/" + runs.get(0) + "/model?format=safetensors")
                .then()
                .statusCode(404)
                .body("detail", containsString("no trained model"));
        given().get("/api/runs/" + UUID.randomUUID() + "/model?format=safetensors")
                .then()
                .statusCode(404)
                .body("detail", containsString("does not exist"));
    }
}
