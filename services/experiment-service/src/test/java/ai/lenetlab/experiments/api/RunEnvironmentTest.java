package ai.lenetlab.experiments.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.RunEnvironment;
import ai.lenetlab.contracts.SampleEnvironments;
import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.messaging.RunResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A run's environment as its worker reports it with the result: stored, served with the run, and
 * rows in Compare's config table (TrainerWorkerTest and RunEnvironmentsTest check what a worker
 * sends).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class RunEnvironmentTest extends BrokerTest {

    @Test
    void theEnvironmentIsStoredServedAndCompared() {
        List<UUID> runs = TestRuns.submit("environments", 3, 1);
        TestRuns.complete(kafka, runs.get(0), with(SampleEnvironments.LAPTOP));
        TestRuns.complete(kafka, runs.get(1), with(SampleEnvironments.SERVER));
        TestRuns.complete(kafka, runs.get(2), TestRuns.result()); // a worker that predates environments

        JsonPath run = given().get("/api/runs/" + runs.get(0))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(run.getString("environment.labCommit")).isEqualTo(SampleEnvironments.LAPTOP.labCommit());
        assertThat(run.getString("environment.cpu")).isEqualTo(SampleEnvironments.LAPTOP.cpu());
        assertThat(run.getInt("environment.intraOpThreads")).isEqualTo(4);
        assertThat(run.getMap("environment.datasetSha256")).isEqualTo(SampleEnvironments.LAPTOP.datasetSha256());
        given().get("/api/runs/" + runs.get(2))
                .then()
                .statusCode(200)
                .body("environment", org.hamcrest.Matchers.nullValue());

        JsonPath compare = given().get("/api/compare?runs=" + runs.get(0) + "," + runs.get(1) + "," + runs.get(2))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(compare.getList("config.find { it.name == 'environment.cpu' }.values"))
                .containsExactly(SampleEnvironments.LAPTOP.cpu(), SampleEnvironments.SERVER.cpu(), null);
        assertThat(compare.getBoolean("config.find { it.name == 'environment.cpu' }.differs"))
                .isTrue();
        assertThat(compare.getList("config.find { it.name == 'environment.labCommit' }.values"))
                .containsExactly(SampleEnvironments.LAPTOP.labCommit(), SampleEnvironments.LAPTOP.labCommit(), null);
        assertThat(compare.getList(
                        "config.find { it.name == 'environment.datasetSha256.t10k-images-idx3-ubyte' }.values"))
                .hasSize(3);
        // what groups runs is the config alone: the machine is shown, not grouped on
        assertThat(compare.getList("differingFields", String.class)).noneMatch(f -> f.startsWith("environment."));

        JsonPath twoAlike = given().get("/api/compare?runs=" + runs.get(0) + "," + runs.get(1))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(twoAlike.getBoolean("config.find { it.name == 'environment.labCommit' }.differs"))
                .isFalse();
        assertThat(twoAlike.getBoolean("config.find { it.name == 'environment.intraOpThreads' }.differs"))
                .isTrue();
    }

    private static RunResult with(RunEnvironment environment) {
        RunResult plain = TestRuns.result();
        return new RunResult(
                Arrays.stream(plain.confusionMatrix()).map(int[]::clone).toArray(int[][]::new),
                plain.perClassAccuracy(),
                plain.predictions(),
                plain.totalSeconds(),
                null,
                null,
                null,
                environment);
    }
}
