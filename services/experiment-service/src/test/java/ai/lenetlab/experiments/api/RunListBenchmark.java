package ai.lenetlab.experiments.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.Presets;
import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a test (Surefire does not pick it up by name): the runs list with 100,000 runs in
 * PostgreSQL, as the web UI's Runs page asks for it — one page of 100, sorted or filtered by the
 * service. Prints p50/p95 of 20 requests each; asserts only that the answers are right.
 *
 * <pre>./mvnw -pl services/experiment-service verify -Dtest=RunListBenchmark</pre>
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class RunListBenchmark {

    private static final int RUNS = 100_000;

    @Inject
    AgroalDataSource db;

    @Inject
    ObjectMapper json;

    @Test
    void listsAHundredThousandRuns() throws Exception {
        TestUsers.signInAsAdmin();
        UUID experiment = UUID.randomUUID();
        long start = System.nanoTime();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s =
                    c.prepareStatement("insert into experiment (id, name, created_at) values (?, ?, now())")) {
                s.setObject(1, experiment);
                s.setString(2, "benchmark");
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    insert into run (id, experiment_id, ordinal, preset, seed, config, status, attempt, worker_id,
                                     device, created_at)
                    select gen_random_uuid(), ?, g, case g % 4 when 0 then 'model-1' when 1 then 'model-2'
                           when 2 then 'model-3' else 'model-4' end, g, ?::jsonb,
                           case when g % 10 = 0 then 'RUNNING' else 'COMPLETED' end, 1, 'worker-' || (g % 8),
                           'cpu()', now() - g * interval '1 second'
                    from generate_series(1, ?) g""")) {
                s.setObject(1, experiment);
                s.setString(2, json.writeValueAsString(Presets.MODEL_2));
                s.setInt(3, RUNS);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("analyze run")) {
                s.execute();
            }
        }
        System.out.printf(Locale.ROOT, "inserted %,d runs in %.1f s%n", RUNS, (System.nanoTime() - start) / 1e9);

        time("newest first, page 1", "/api/runs?size=100");
        time("newest first, page 500", "/api/runs?size=100&page=500");
        time("sorted by experiment", "/api/runs?size=100&sort=experiment");
        time("sorted by worker, descending", "/api/runs?size=100&sort=-worker");
        time("text filter 'worker-3'", "/api/runs?size=100&q=worker-3");
        time("status RUNNING", "/api/runs?size=100&status=RUNNING");
        assertThat(given().get("/api/runs?size=100")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("X-Total-Count"))
                .isEqualTo(String.valueOf(RUNS));
        assertThat(given().get("/api/runs?size=100&q=worker-3")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("X-Total-Count"))
                .isEqualTo(String.valueOf(RUNS / 8));
    }

    private static void time(String what, String path) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            given().get(path).then().statusCode(200);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf(
                Locale.ROOT, "GET %-42s %-30s p50 %4d ms  p95 %4d ms%n", path, what, sorted.get(9), sorted.get(18));
    }
}
