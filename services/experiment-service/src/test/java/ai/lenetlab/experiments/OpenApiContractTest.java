package ai.lenetlab.experiments;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lenetlab.infra.KafkaAndPostgresResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check every API test runs through ({@link OpenApiContract}) fails, naming what is missing, when
 * the document leaves out a null, a field, a status or a header the service sends: here the served
 * document with those taken out.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void signIn() {
        TestUsers.signInAsAdmin();
    }

    @AfterEach
    void signOut() {
        TestUsers.signOut();
    }

    @Test
    void theServedDocumentDescribesTheseAnswers() {
        given().get("/api/presets").then().statusCode(200);
        given().get("/api/runs?size=1").then().statusCode(200);
        given().get("/api/runs/not-a-uuid").then().statusCode(404);
    }

    @Test
    void aNullAFieldAStatusOrAHeaderTheDocumentLeavesOutFailsTheTest() throws Exception {
        JsonNode served = JSON.readTree(given().get("/q/openapi?format=json").asString());

        ObjectNode preset = (ObjectNode) served.at("/components/schemas/Preset/properties");
        ArrayNode types = (ArrayNode) preset.at("/reportedAccuracy/anyOf");
        for (int i = types.size() - 1; i >= 0; i--) {
            if (types.get(i).path("type").asText().equals("null")) {
                types.remove(i);
            }
        }
        assertThatThrownBy(() -> with(served).get("/api/presets"))
                .hasMessageContaining("GET /api/presets → 200")
                .hasMessageContaining("/0/reportedAccuracy");

        preset.remove("description");
        assertThatThrownBy(() -> with(served).get("/api/presets"))
                .hasMessageContaining("'description' is not defined in the schema");

        ((ObjectNode) served.at("/paths/~1api~1runs/get/responses/200/headers")).remove("X-Total-Count");
        assertThatThrownBy(() -> with(served).get("/api/runs?size=1"))
                .hasMessageContaining("the response header X-Total-Count of GET /api/runs → 200");

        ((ObjectNode) served.at("/paths/~1api~1runs~1{id}/get/responses")).remove("404");
        assertThatThrownBy(() -> with(served).get("/api/runs/not-a-uuid"))
                .hasMessageContaining("status 404 of GET /api/runs/{id}");

        ((ObjectNode) served.at("/paths")).remove("/api/me");
        assertThatThrownBy(() -> with(served).get("/api/me"))
                .hasMessageContaining("the path /api/me (no path in the document matches it)");

        // and a request the service accepts must fit the document too
        assertThatThrownBy(() -> with(served).get("/api/runs?size=1&colour=blue"))
                .hasMessageContaining("the query parameter colour of GET /api/runs, which the service accepted");
    }

    private static io.restassured.specification.RequestSpecification with(JsonNode document) {
        return given().filter(new OpenApiContract(document));
    }
}
