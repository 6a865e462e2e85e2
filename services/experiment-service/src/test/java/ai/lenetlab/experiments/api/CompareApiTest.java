package ai.lenetlab.experiments.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.messaging.RunEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/compare} and its exports over real runs: stored by the service from worker events on
 * the real broker, read back from PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class CompareApiTest extends BrokerTest {

    @Test
    void compareMarksDifferencesAndGroupsSeeds() {
        List<UUID> runs = TestRuns.submit("compare", 3); // seeds 1, 2, 3 of one config
        TestRuns.firstEpochs(kafka, runs, 0.8, 0.4); // test accuracy 0.80, 0.82, 0.84
        TestRuns.completeAll(kafka, runs);

        given().get("/api/compare?runs=" + ids(runs))
                .then()
                .statusCode(200)
                .body("runs", hasSize(3))
                .body("differingFields", hasSize(0))
                .body("config.find { it.name == 'seed' }.differs", equalTo(true))
                .body("epochNumbers", equalTo(List.of(1)))
                .body("series.testAccuracy." + runs.get(2), equalTo(List.of(0.84f)))
                .body("groups", hasSize(1))
                .body("groups[0].label", equalTo("model-2 (epochs 2) × 3 seeds"))
                .body("groups[0].epochs[0].testAccuracy.mean", equalTo(0.82f))
                .body("groups[0].epochs[0].testAccuracy.n", equalTo(3))
                .body("groups[0].finalTestAccuracy.ci95Low", lessThan(0.82f))
                .body("contrasts", hasSize(0)) // one group: nothing to compare it with
                .body("summary", hasSize(1))
                .body("summary[0].config", equalTo("model-2 (epochs 2)"));

        // a second config (3 epochs), three seeds, each 10 points lower: model-2 beats it beyond seed noise
        List<UUID> others = TestRuns.submit("compare other", 3, 3);
        TestRuns.firstEpochs(kafka, others, 0.7, 0.6); // 0.70, 0.72, 0.74
        TestRuns.completeAll(kafka, others);
        given().get("/api/compare?runs=" + ids(runs) + "," + ids(others))
                .then()
                .statusCode(200)
                .body("groups", hasSize(2))
                .body("contrasts", hasSize(4))
                .body(
                        "contrasts.find { it.metric == 'finalTestAccuracy' }.difference",
                        both(greaterThan(0.0999f)).and(lessThan(0.1001f)))
                .body("contrasts.find { it.metric == 'finalTestAccuracy' }.pValue", lessThan(0.01f))
                .body("contrasts.find { it.metric == 'finalTestAccuracy' }.nA", equalTo(3));
        given().get("/api/compare?runs=nope").then().statusCode(400);
        given().get("/api/compare").then().statusCode(400);
    }

    @Test
    void aShorterRunsSeriesEndsInNullsAsTheDocumentSays() {
        // one run two epochs on, the other still at its first: the shorter series is padded with null
        List<UUID> runs = TestRuns.submit("unequal lengths", 2, 2);
        TestRuns.firstEpochs(kafka, runs, 0.80, 0.4);
        UUID ahead = runs.get(0);
        TestRuns.publish(
                kafka,
                RunEvent.epochCompleted(
                        ahead,
                        1,
                        TestRuns.secret(ahead),
                        "w",
                        new EpochMetrics(2, 0.4, 0.85, 0.35, 0.86, 0.01, 1, 1000)));
        await().atMost(WAIT)
                .until(() -> given().get("/api/runs/" + ahead)
                                .jsonPath()
                                .getList("epochs")
                                .size()
                        == 2);

        // the contract filter checks the answer against the served document, nulls included
        given().get("/api/compare?runs=" + ids(runs))
                .then()
                .statusCode(200)
                .body("epochNumbers", equalTo(List.of(1, 2)))
                .body("series.testAccuracy." + runs.get(1), equalTo(java.util.Arrays.asList(0.82f, null)));
    }

    @Test
    void repeatedSeedsCountOnceAndRunsNotCompletedAreListedNotCounted() {
        // the same experiment submitted twice: seeds 1–3 of each config run twice, with equal results
        List<UUID> a = new java.util.ArrayList<>(TestRuns.submit("repeat a", 3, 2));
        List<UUID> b = new java.util.ArrayList<>(TestRuns.submit("repeat b", 3, 3));
        TestRuns.firstEpochs(kafka, a, 0.80, 0.4); // 0.80, 0.82, 0.84
        TestRuns.firstEpochs(kafka, b, 0.78, 0.4); // 0.78, 0.80, 0.82
        List<UUID> a2 = TestRuns.submit("repeat a again", 3, 2);
        List<UUID> b2 = TestRuns.submit("repeat b again", 3, 3);
        TestRuns.firstEpochs(kafka, a2, 0.80, 0.4);
        TestRuns.firstEpochs(kafka, b2, 0.78, 0.4);
        Stream.of(a, b, a2, b2).forEach(runs -> TestRuns.completeAll(kafka, runs));
        // and a fourth seed of a that is still training, far ahead at its first epoch
        List<String> running = given().contentType(ContentType.JSON)
                .body("{\"name\":\"repeat a seed 4\",\"runs\":[{\"preset\":\"model-2\","
                        + "\"overrides\":{\"epochs\":2},\"seeds\":[4]}]}")
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .path("runs.id");
        UUID training = UUID.fromString(running.get(0));
        TestRuns.firstEpochs(kafka, List.of(training), 0.99, 0.4);
        a.addAll(a2);
        a.add(training);
        b.addAll(b2);

        String finalAccuracy = "contrasts.find { it.metric == 'finalTestAccuracy' }";
        given().get("/api/compare?runs=" + ids(a) + "," + ids(b))
                .then()
                .statusCode(200)
                .body("groups", hasSize(2))
                .body("groups[0].label", equalTo("model-2 (epochs 2) × 4 seeds"))
                .body("groups[0].repeatedSeeds", equalTo(List.of(1, 2, 3)))
                .body("groups[0].notCounted", equalTo(List.of(training.toString())))
                .body("groups[0].finalTestAccuracy.n", equalTo(3))
                .body(finalAccuracy + ".nA", equalTo(3))
                .body(finalAccuracy + ".nB", equalTo(3))
                // scipy.stats.ttest_ind([.80, .82, .84], [.78, .80, .82], equal_var=False).pvalue; the 6 vs 6
                // runs counted as seeds gave 0.082 (0.134 with the running seed's 0.99)
                .body(finalAccuracy + ".pValue", both(greaterThan(0.2878f)).and(lessThan(0.2879f)))
                // the loss does not vary: two tests on the page (final and best accuracy), Holm: 2·p
                .body(finalAccuracy + ".comparisons", equalTo(2))
                .body(
                        finalAccuracy + ".pValueAdjusted",
                        both(greaterThan(0.5757f)).and(lessThan(0.5758f)))
                .body(finalAccuracy + ".hedgesG", greaterThan(0f));
    }

    @Test
    void wholeExperimentsAndABaseline() {
        List<UUID> a = TestRuns.submit("baseline a", 3, 2);
        List<UUID> b = TestRuns.submit("baseline b", 3, 3);
        List<UUID> c = TestRuns.submit("baseline c", 2, 4);
        TestRuns.firstEpochs(kafka, a, 0.80, 0.4);
        TestRuns.firstEpochs(kafka, b, 0.70, 0.6);
        TestRuns.firstEpochs(kafka, c, 0.75, 0.5);
        Stream.of(a, b, c).forEach(runs -> TestRuns.completeAll(kafka, runs));
        String experiments = Stream.of(a, b, c)
                .map(runs -> TestRuns.experimentOf(runs.get(0)).toString())
                .collect(Collectors.joining(","));

        Response all = given().get("/api/compare?experiment=" + experiments);
        all.then()
                .statusCode(200)
                .body(
                        "runs.id",
                        equalTo(Stream.of(a, b, c)
                                .flatMap(List::stream)
                                .map(UUID::toString)
                                .toList()))
                .body("groups", hasSize(3))
                .body("contrasts", hasSize(3 * 4)) // every pair, four outcomes each
                .body("summary", hasSize(3));

        String labelA = all.path("groups[0].label");
        given().get("/api/compare?experiment=" + experiments + "&baseline=" + labelA)
                .then()
                .statusCode(200)
                .body("contrasts", hasSize(2 * 4))
                .body("contrasts.b", everyItem(equalTo(labelA)))
                .body(
                        "contrasts.find { it.metric == 'finalTestAccuracy' && it.a.startsWith('model-2 (epochs 3)') }.difference",
                        both(greaterThan(-0.1001f)).and(lessThan(-0.0999f))); // b − a
        String labelB = all.path("groups[1].label");
        given().get("/api/compare?experiment=" + experiments + "&baseline=" + b.get(1)) // by one of its runs
                .then()
                .statusCode(200)
                .body("contrasts.b", everyItem(equalTo(labelB)));

        given().get("/api/compare?experiment=" + experiments + "&baseline=nobody")
                .then()
                .statusCode(400)
                .body("detail", containsString("baseline"));
        given().get("/api/compare?experiment=" + experiments + "&runs=" + a.get(0))
                .then()
                .statusCode(400);
        given().get("/api/compare?experiment=" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void manyGroupsAreEachContrastedWithTheLeaderNotEveryPair() {
        String specs = java.util.stream.IntStream.rangeClosed(1, 13)
                .mapToObj(e -> "{\"preset\":\"model-2\",\"overrides\":{\"epochs\":" + e + "},\"seeds\":[1,2]}")
                .collect(Collectors.joining(","));
        List<String> created = given().contentType("application/json")
                .body("{\"name\":\"thirteen configs\",\"runs\":[" + specs + "]}")
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .path("runs.id");
        List<UUID> runs = created.stream().map(UUID::fromString).toList();
        TestRuns.firstEpochs(kafka, runs, 0.5, 0.9); // the last config's two runs score best
        TestRuns.completeAll(kafka, runs);
        String leader = "model-2 (epochs 13) × 2 seeds";

        given().get("/api/compare?experiment=" + TestRuns.experimentOf(runs.get(0)))
                .then()
                .statusCode(200)
                .body("groups", hasSize(13))
                .body("contrasts", hasSize(12 * 4)) // not 78 pairs × 4
                .body("contrasts.b", everyItem(equalTo(leader)));
    }

    @Test
    void exportsCarryTheSameNumbersAsTheJson() throws Exception {
        List<UUID> a = TestRuns.submit("export a", 3, 2);
        List<UUID> b = TestRuns.submit("export b", 3, 3);
        TestRuns.firstEpochs(kafka, a, 0.80, 0.4);
        TestRuns.firstEpochs(kafka, b, 0.70, 0.6);
        TestRuns.completeAll(kafka, a);
        TestRuns.completeAll(kafka, b);
        List<UUID> queued = TestRuns.submit("export queued", 1, 5); // no epochs yet
        String runs = ids(a) + "," + ids(b) + "," + ids(queued);

        Response epochs = given().get("/api/compare.csv?runs=" + runs);
        epochs.then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("comparison-epochs.csv"));
        List<CSVRecord> rows = csv(epochs.asString());
        assertThat(rows).hasSize(7); // six runs × one epoch, and the queued run without one
        assertThat(rows.get(1).get("runId")).isEqualTo(a.get(1).toString());
        assertThat(rows.get(1).get("epochs")).isEqualTo("2"); // a differing config field
        assertThat(rows.get(1).get("seed")).isEqualTo("2");
        assertThat(Double.parseDouble(rows.get(1).get("testAccuracy"))).isCloseTo(0.82, within());
        assertThat(rows.get(6).get("runId")).isEqualTo(queued.get(0).toString());
        assertThat(rows.get(6).get("epoch")).isEmpty();

        Response summary = given().get("/api/compare/summary.csv?runs=" + runs);
        summary.then().statusCode(200).contentType(startsWith("text/csv"));
        List<CSVRecord> configs = csv(summary.asString());
        assertThat(configs).hasSize(3);
        assertThat(configs.get(0).get("config")).isEqualTo("model-2 (epochs 2)");
        assertThat(configs.get(0).get("seeds")).isEqualTo("1 2 3");
        assertThat(Double.parseDouble(configs.get(0).get("finalTestAccuracyMean")))
                .isCloseTo(0.82, within());
        assertThat(Double.parseDouble(configs.get(0).get("finalTestAccuracyStd")))
                .isCloseTo(0.02, within());
        assertThat(Double.parseDouble(configs.get(1).get("finalTestAccuracyMean")))
                .isCloseTo(0.72, within());
        assertThat(configs.get(2).get("finalTestAccuracyN")).isEmpty(); // the queued run has no result

        given().get("/api/compare.md?runs=" + runs)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/markdown"))
                .body(containsString("| model-2 (epochs 2) | 3 | **82.00 ± 2.00** |"))
                .body(containsString("| model-2 (epochs 3) | 3 | 72.00 ± 2.00 |"));
        given().get("/api/compare.tex?runs=" + runs)
                .then()
                .statusCode(200)
                .body(startsWith("\\begin{tabular}"))
                .body(containsString("model-2 (epochs 2) & 3 & $\\mathbf{82.00 \\pm 2.00}$"));
        given().get("/api/compare.csv").then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void aNameASpreadsheetWouldRunIsExportedAsText() throws Exception {
        String formula = "=cmd|' /C calc'!A0";
        List<UUID> runs = TestRuns.submit(formula, 2);
        TestRuns.firstEpochs(kafka, runs, 0.8, 0.4);

        String text = given().get("/api/compare.csv?runs=" + ids(runs)).asString();
        assertThat(text)
                .as("the cell is quoted and starts with a quote, so no spreadsheet runs it")
                .contains(",\"'" + formula + "\",")
                .doesNotContain("," + formula);
        assertThat(csv(text).get(0).get("experiment")).isEqualTo("'" + formula);
        assertThat(csv(text).get(0).get("testAccuracy")).isEqualTo("0.8"); // numbers stay numbers
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    private static List<CSVRecord> csv(String text) throws Exception {
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(text))
                .getRecords();
    }

    private static String ids(List<UUID> runs) {
        return runs.stream().map(UUID::toString).collect(Collectors.joining(","));
    }
}
