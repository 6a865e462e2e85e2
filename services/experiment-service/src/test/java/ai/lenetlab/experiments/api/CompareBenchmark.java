package ai.lenetlab.experiments.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.Presets;
import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.infra.SyntheticRuns;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (Surefire does not pick it up by name): {@code /api/compare} and its exports
 * over 500 runs × 20 epochs in PostgreSQL, in three experiments, shaped as a few configs with many
 * seeds, many configs with a few seeds, and a config per run. Prints p50/p95 of 10 requests each and
 * the answer's size; asserts only that the answers are whole.
 *
 * <pre>./mvnw -pl services/experiment-service verify -Dtest=CompareBenchmark</pre>
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class CompareBenchmark {

    private static final int RUNS = 500;
    private static final int EPOCHS = 20;

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectMapper json;

    @Test
    void compareFiveHundredRunsOfTwentyEpochs() throws Exception {
        TestUsers.signInAsAdmin();
        for (int configs : new int[] {5, 100, RUNS}) {
            String experiments = insert(configs);
            String query = "?experiment=" + experiments;
            System.out.printf(
                    Locale.ROOT,
                    "%d runs × %d epochs as %d configs × %d seeds%n",
                    RUNS,
                    EPOCHS,
                    configs,
                    RUNS / configs);
            Response answer = time("GET /api/compare", "/api/compare" + query);
            assertThat(answer.jsonPath().getList("runs")).hasSize(RUNS);
            assertThat(answer.jsonPath().getList("summary")).hasSize(configs);
            if (configs < RUNS) {
                String baseline = answer.jsonPath().getString("groups[0].label");
                time("GET /api/compare (baseline)", "/api/compare" + query + "&baseline=" + baseline);
            }
            time("GET /api/compare.csv", "/api/compare.csv" + query);
            time("GET /api/compare/summary.csv", "/api/compare/summary.csv" + query);
            time("GET /api/compare.md", "/api/compare.md" + query);
        }
    }

    /** 500 runs in experiments of 200, 200 and 100, {@code configs} learning rates, 20 epochs each. */
    private String insert(int configs) throws Exception {
        try (Connection c = db.getConnection()) {
            return SyntheticRuns.insert(
                            c,
                            json.writeValueAsString(
                                    Presets.MODEL_2.toBuilder().epochs(EPOCHS).build()),
                            RUNS,
                            EPOCHS,
                            configs)
                    .stream()
                    .map(UUID::toString)
                    .collect(Collectors.joining(","));
        }
    }

    private static Response time(String what, String path) {
        List<Long> millis = new ArrayList<>();
        Response last = null;
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            last = given().get(path).then().statusCode(200).extract().response();
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf(
                Locale.ROOT,
                "  %-30s p50 %5d ms  p95 %5d ms  %,9d bytes%n",
                what,
                sorted.get(4),
                sorted.get(8),
                last.asByteArray().length);
        return last;
    }
}
