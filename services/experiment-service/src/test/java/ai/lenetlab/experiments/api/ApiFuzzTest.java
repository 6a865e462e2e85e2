package ai.lenetlab.experiments.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.experiments.domain.Experiment;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Property-style fuzzing of the API: 1,000 random and malformed requests from a fixed seed
 * (mutated valid bodies, wrong types, out-of-range numbers, unknown fields, garbage, deep nesting,
 * bad ids). The properties: never a 5xx, every refusal is problem+json naming no Java type, and nothing is stored
 * from a refused request. Prints the status histogram.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class ApiFuzzTest {

    @BeforeEach
    void signIn() {
        TestUsers.signInAsAdmin();
    }

    private static final long SEED = 20261128L;
    private static final int REQUESTS = 1000;
    private static final int SWEEPS = 300;
    private static final List<String> FIELDS = List.of(
            "activation",
            "pooling",
            "conv1Channels",
            "conv2Channels",
            "kernelSize",
            "fc1Units",
            "fc2Units",
            "dropout",
            "batchNorm",
            "weightInit",
            "optimizer",
            "learningRate",
            "momentum",
            "weightDecay",
            "batchSize",
            "epochs",
            "lrSchedule",
            "lrStepSize",
            "lrGamma",
            "normalization",
            "augmentation",
            "seed",
            "trainSamples",
            "testSamples",
            "epoch",
            "colour",
            "");
    private static final List<String> VALUES = List.of(
            "0",
            "-1",
            "1",
            "2.5",
            "1e309",
            "-1e-320",
            "NaN",
            "\"\"",
            "\"relu\"",
            "\"adamw\"",
            "\"x\"",
            "null",
            "true",
            "[]",
            "{}",
            "[1,2]",
            "4097",
            "201",
            "10.000001",
            "2147483648",
            "9223372036854775808",
            "\"" + "a".repeat(300) + "\"",
            "\"\\u0000\"");

    private final Random random = new Random(SEED);

    @Test
    void randomAndMalformedRequestsNeverCauseA5xxNorStoreAnything() {
        long experimentsBefore = count(() -> Experiment.count());
        long runsBefore = count(() -> Run.count());
        Map<Integer, Integer> statuses = new TreeMap<>();
        int accepted = 0;
        int acceptedRuns = 0;
        for (int i = 0; i < REQUESTS; i++) {
            String body = randomBody();
            var response = given().contentType(ContentType.JSON).body(body).post("/api/experiments");
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as("request %d: %s", i, body).isLessThan(500);
            if (status == 201) {
                accepted++;
                acceptedRuns += response.jsonPath().getList("runs").size();
            } else {
                assertThat(response.contentType()).as("request %d", i).startsWith("application/problem+json");
                assertThat(response.asString())
                        .as("request %d names no Java type: %s", i, body)
                        .doesNotContain("ai.lenetlab", "java.", "`");
            }
            int other = random.nextInt(4);
            String path = switch (other) {
                case 0 -> "/api/runs/" + randomToken();
                case 1 -> "/api/compare?runs=" + randomToken() + "," + randomToken();
                case 2 -> "/api/runs?status=" + randomToken() + "&size=" + (random.nextInt(2000) - 500);
                default -> "/api/experiments/" + randomToken();
            };
            int getStatus = given().get(path).statusCode();
            statuses.merge(getStatus, 1, Integer::sum);
            assertThat(getStatus).as("GET %s", path).isLessThan(500);
        }
        System.out.printf(
                "fuzz: %d POSTs + %d GETs, seed %d, statuses %s, accepted %d%n",
                REQUESTS, REQUESTS, SEED, statuses, accepted);
        assertThat(accepted)
                .as("valid requests among the random ones (else the counts prove nothing)")
                .isPositive();
        assertThat(count(() -> Experiment.count())).isEqualTo(experimentsBefore + accepted);
        assertThat(count(() -> Run.count())).isEqualTo(runsBefore + acceptedRuns);
    }

    @Test
    void randomSweepsFromAResearcherNeverCauseA5xxNorStoreWhatIsRefused() {
        TestUsers.create("sweep-fuzzer", "researcher");
        TestUsers.signInAs("sweep-fuzzer");
        int before = given().get("/api/sweeps").jsonPath().getList("id").size();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> accepted = new java.util.ArrayList<>();
        for (int i = 0; i < SWEEPS; i++) {
            String body = randomSweep();
            var response = given().contentType(ContentType.JSON).body(body).post("/api/sweeps");
            int status = response.statusCode();
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as("sweep %d: %s", i, body).isLessThan(500);
            if (status == 201) {
                accepted.add(response.jsonPath().getString("id"));
                given().post("/api/sweeps/" + accepted.getLast() + "/cancel"); // room for the next ones
            } else {
                assertThat(response.contentType()).as("sweep %d", i).startsWith("application/problem+json");
                assertThat(response.asString()).as("sweep %d", i).doesNotContain("ai.lenetlab", "java.", "`");
            }
            String search = "/api/runs?q=" + randomToken(); // sent as written: %00 is a NUL
            assertThat(given().urlEncodingEnabled(false).get(search).statusCode())
                    .as("GET %s", search)
                    .isLessThan(500);
        }
        System.out.printf("sweep fuzz: %d POSTs, seed %d, statuses %s%n", SWEEPS, SEED, statuses);
        assertThat(accepted).as("valid sweeps among the random ones").isNotEmpty();
        assertThat(given().get("/api/sweeps").jsonPath().getList("id")).hasSize(before + accepted.size());
        TestUsers.signInAsAdmin();
    }

    /** A valid sweep with none, one or two of its parts replaced by a wrong, hostile or too large one. */
    private String randomSweep() {
        StringBuilder space = new StringBuilder();
        List<String> ranges = List.of(
                "{\"choice\":[" + pick(VALUES) + "," + pick(VALUES) + "]}",
                "{\"choice\":[64,128]}",
                "{\"intUniform\":[1," + pick(List.of("4", "64", "-1", "9223372036854775807")) + "]}",
                "{\"logUniform\":[0.0001," + pick(VALUES) + "]}",
                "{\"choice\":[[1],{\"a\":1}]}",
                "{\"choice\":[" + "1,".repeat(pick(List.of(63, 100, 101))) + "1]}",
                pick(VALUES));
        int fields = 1 + random.nextInt(12);
        for (int f = 0; f < fields; f++) {
            space.append(f == 0 ? "" : ",")
                    .append('"')
                    .append(pick(FIELDS))
                    .append("\":")
                    .append(pick(ranges));
        }
        Map<String, List<String>> wrong = Map.of(
                "name",
                List.of(
                        "\"a\\u0000b\"",
                        "\"zero\\u200Bwidth\"",
                        "\"rlm\\u200F\"",
                        "\"\\uFEFFbom\"",
                        "\"\"",
                        "null",
                        "7",
                        "\"" + "n".repeat(300) + "\""),
                "base",
                List.of(
                        "{\"preset\":\"model-9\"}",
                        "{\"preset\":\"model-2\",\"overrides\":{" + randomFields(false) + "}}",
                        "{\"preset\":\"model-2\"}",
                        "null"),
                "space",
                List.of("{" + space + "}", "{}", "null"),
                "method",
                List.of("\"grid\"", "\"tpe\"", "\"annealing\"", "null"),
                "trials",
                List.of("0", "501", "500", "2147483648", "\"x\"", "null"),
                "seedsPerTrial",
                List.of("2", "11", "-1", "null"),
                "priority",
                List.of("-5", "1", "100", "101", "null"),
                "maxConcurrent",
                List.of("0", "100", "1000", "null"),
                "budget",
                List.of("{\"maxEpochs\":4001}", "{\"maxRuns\":0}", "{\"maxEpochs\":3}", "{\"maxRuns\":2001}"),
                "earlyStopping",
                List.of("{\"rule\":\"asha\",\"minEpochs\":1}", "{\"rule\":\"median\",\"reductionFactor\":1}"));
        Map<String, String> sweep = new java.util.LinkedHashMap<>();
        sweep.put("name", "\"fuzz sweep\"");
        sweep.put(
                "base",
                "{\"preset\":\"model-2\",\"overrides\":{\"epochs\":2,\"trainSamples\":256,\"testSamples\":100}}");
        sweep.put("space", "{\"learningRate\":{\"logUniform\":[0.0001,0.1]}}");
        sweep.put("method", "\"random\"");
        sweep.put("trials", "3");
        List<String> parts = List.copyOf(new java.util.TreeSet<>(wrong.keySet()));
        for (int k = random.nextInt(3); k > 0; k--) {
            String part = pick(parts);
            sweep.put(part, pick(wrong.get(part)));
        }
        StringBuilder body = new StringBuilder("{");
        sweep.forEach((k, v) -> body.append(body.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
        return body.append('}').toString();
    }

    private String randomBody() {
        return switch (random.nextInt(8)) {
            case 0 -> randomGarbage();
            case 1 ->
                "{\"name\":" + pick(VALUES) + ",\"runs\":" + pick(List.of("[]", "null", "{}", "[null]", "7")) + "}";
            case 2 -> "{\"name\":\"deep\",\"runs\":[" + "[".repeat(200) + "]".repeat(200) + "]}";
            case 3 ->
                "{\"name\":\"seeds\",\"runs\":[{\"preset\":\"d2l\",\"seeds\":"
                        + pick(List.of(
                                "[-1]", "[1.5]", "[\"a\"]", "[2147483648]", "[" + "1,".repeat(60) + "1]", "[]", "null"))
                        + "}]}";
            case 4 -> "{\"name\":\"config\",\"runs\":[{\"config\":{" + randomFields(true) + "}}]}";
            default ->
                "{\"name\":\"overrides " + random.nextInt(1000) + "\",\"runs\":[{\"preset\":"
                        + pick(List.of("\"model-2\"", "\"d2l\"", "\"model-9\"", "null", "3")) + ",\"overrides\":{"
                        + randomFields(false) + "}}]" + (random.nextInt(5) == 0 ? ",\"extra\":1" : "") + "}";
        };
    }

    private String randomFields(boolean many) {
        int n = many ? random.nextInt(FIELDS.size()) : random.nextInt(3);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(pick(FIELDS)).append("\":").append(pick(VALUES));
        }
        return b.toString();
    }

    private String randomGarbage() {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private String randomToken() {
        return pick(List.of(
                "x",
                "",
                "00000000-0000-0000-0000-000000000000",
                "%00",
                "1,2",
                "RUNNING",
                "queued",
                java.util.UUID.randomUUID().toString(),
                "../../etc/passwd",
                "9".repeat(50)));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static long count(java.util.concurrent.Callable<Long> query) {
        return QuarkusTransaction.requiringNew().call(query);
    }
}
