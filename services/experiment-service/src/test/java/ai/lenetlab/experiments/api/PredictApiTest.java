package ai.lenetlab.experiments.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;

import ai.lenetlab.contracts.TestPredictions;
import ai.lenetlab.dataset.DatasetLocator;
import ai.lenetlab.dataset.FashionMnistLoader;
import ai.lenetlab.dataset.ImageSet;
import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.experiments.TrainedRuns;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/runs/{id}/predict} on a model trained for real: test images give the run's own
 * stored test-set predictions, as numbers, as PNG uploads and by index; bad uploads are refused with
 * problem+json and the service carries on.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class PredictApiTest extends BrokerTest {

    @Test
    void testImagesGetTheRunsOwnPredictionsHoweverTheyAreSent() throws Exception {
        UUID run = TrainedRuns.completed(kafka, "predict");
        byte[] stored = TrainedRuns.trained().report().testPredictions();
        ImageSet test =
                FashionMnistLoader.loadTestSet(DatasetLocator.installed().orElseThrow());

        String indexes = IntStream.range(0, 100).mapToObj(String::valueOf).collect(Collectors.joining(","));
        JsonPath byIndex = json(run, "{\"testImages\":[" + indexes + "]}");
        for (int i = 0; i < 100; i++) {
            assertThat(byIndex.getInt("predictions[" + i + "].label"))
                    .as("test image " + i)
                    .isEqualTo(TestPredictions.predicted(stored[i]));
            List<Float> p = byIndex.getList("predictions[" + i + "].probabilities", Float.class);
            assertThat(p).hasSize(10);
            assertThat(p.stream().mapToDouble(Float::doubleValue).sum()).isCloseTo(1, within(1e-5));
            assertThat(Base64.getDecoder().decode(byIndex.getString("predictions[" + i + "].pixels")))
                    .isEqualTo(test.image(i));
        }
        assertThat(byIndex.getString("predictions[0].className")).isNotBlank();

        // image 7 as 784 numbers, and as a PNG upload (twice, the second inverted back by the service)
        byte[] seven = test.image(7);
        List<Integer> numbers = new ArrayList<>();
        for (byte b : seven) {
            numbers.add(b & 0xff);
        }
        JsonPath asNumbers = json(run, "{\"images\":[" + numbers + "]}");
        byte[] invertedSeven = seven.clone();
        for (int i = 0; i < invertedSeven.length; i++) {
            invertedSeven[i] = (byte) (255 - (invertedSeven[i] & 0xff));
        }
        JsonPath uploaded = given().multiPart("image", "seven.png", png(seven), "image/png")
                .multiPart("image", "seven-on-paper.png", png(invertedSeven), "image/png")
                .multiPart("invert", "true")
                .post("/api/runs/" + run + "/predict")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Float> expected = byIndex.getList("predictions[7].probabilities", Float.class);
        // the same to float rounding (a batch of one runs other kernels than a batch of 100)
        assertClose(asNumbers.getList("predictions[0].probabilities", Float.class), expected);
        // inverted: the first upload is seen as its negative, the second as the test image itself
        assertClose(uploaded.getList("predictions[1].probabilities", Float.class), expected);
        assertThat(Base64.getDecoder().decode(uploaded.getString("predictions[1].pixels")))
                .isEqualTo(seven);
        assertThat(Base64.getDecoder().decode(uploaded.getString("predictions[0].pixels")))
                .isEqualTo(invertedSeven);

        // a prediction answers in < 50 ms (the model is cached after the first): the service's own
        // time (Server-Timing), and the round trip printed beside it
        double[] server = new double[20];
        long[] roundTrip = new long[20];
        for (int i = 0; i < server.length; i++) {
            long start = System.nanoTime();
            String timing = given().contentType(ContentType.JSON)
                    .body("{\"testImages\":[" + i + "]}")
                    .post("/api/runs/" + run + "/predict")
                    .then()
                    .statusCode(200)
                    .extract()
                    .header("Server-Timing");
            roundTrip[i] = (System.nanoTime() - start) / 1_000_000;
            server[i] = Double.parseDouble(timing.replaceAll(".*dur=", ""));
        }
        Arrays.sort(server);
        Arrays.sort(roundTrip);
        System.out.printf(
                "predict, one image: service p50 %.1f ms (max %.1f), round trip p50 %d ms (max %d)%n",
                server[10], server[19], roundTrip[10], roundTrip[19]);
        assertThat(server[10]).isLessThan(50);
    }

    @Test
    void badUploadsAreRefusedAndTheServiceCarriesOn() throws Exception {
        UUID run = TrainedRuns.completed(kafka, "predict refusals");
        byte[] blank = png(new byte[784]);

        problem(upload(run, "notes.png", "not a picture".getBytes(), "image/png"), 415, "not a PNG or JPEG");
        problem(upload(run, "notes.txt", blank, "text/plain"), 415, "image/png, image/jpeg");
        problem(upload(run, "anim.gif", gif(), "image/gif"), 415, "PNG or JPEG");
        problem(upload(run, "bomb.png", withSize(blank, 10_000, 10_000), "image/png"), 413, "10000 × 10000");
        problem(upload(run, "cut.png", Arrays.copyOf(blank, 45), "image/png"), 400, "does not decode");
        RequestSpecification many = given();
        for (int i = 0; i < 101; i++) {
            many = many.multiPart("image", "i" + i + ".png", blank, "image/png");
        }
        problem(many.post("/api/runs/" + run + "/predict"), 400, "1–100 pictures");
        problem(
                given().multiPart("image", "a.png", blank, "image/png")
                        .multiPart("invert", "maybe")
                        .post("/api/runs/" + run + "/predict"),
                400,
                "invert");
        // over the 16 MiB of pictures: refused by the declared length before the body is read (the
        // client waits for the go-ahead), also past the HTTP server's own limit (17M)
        for (int bytes : new int[] {17_000_000, 50 * 1024 * 1024}) {
            HttpResponse<String> tooMany = declaring(run, bytes);
            assertThat(tooMany.statusCode()).as("%d bytes", bytes).isEqualTo(413);
            assertThat(tooMany.headers().firstValue("Content-Type").orElse(""))
                    .as("%d bytes", bytes)
                    .contains("problem+json");
            assertThat(tooMany.body()).contains("the request body is " + bytes + " bytes; at most 16777216");
        }
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"images\":[[1,2,3]]}")
                        .post("/api/runs/" + run + "/predict"),
                400,
                "784 grey values");
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"testImages\":[10000]}")
                        .post("/api/runs/" + run + "/predict"),
                400,
                "test image 10000 does not exist");
        problem(given().contentType(ContentType.TEXT).body("hello").post("/api/runs/" + run + "/predict"), 415, "");
        List<UUID> untrained = TestRuns.submit("no model to ask", 1, 1);
        problem(
                given().contentType(ContentType.JSON)
                        .body("{\"testImages\":[1]}")
                        .post("/api/runs/" + untrained.get(0) + "/predict"),
                404,
                "no trained model");

        // still up, and still answering
        given().multiPart("image", "blank.png", blank, "image/png")
                .post("/api/runs/" + run + "/predict")
                .then()
                .statusCode(200);
    }

    /** A multipart request of {@code bytes}, sent with Expect: 100-continue. */
    private static HttpResponse<String> declaring(UUID run, int bytes) throws IOException, InterruptedException {
        byte[] body = new byte[bytes];
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/runs/" + run + "/predict"))
                .expectContinue(true)
                .header("Authorization", TestUsers.basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static JsonPath json(UUID run, String body) {
        return given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/runs/" + run + "/predict")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void assertClose(List<Float> actual, List<Float> expected) {
        assertThat(actual).hasSize(expected.size());
        for (int c = 0; c < expected.size(); c++) {
            assertThat(actual.get(c)).as("class " + c).isCloseTo(expected.get(c), within(1e-5f));
        }
    }

    private static Response upload(UUID run, String name, byte[] bytes, String type) {
        return given().multiPart("image", name, bytes, type).post("/api/runs/" + run + "/predict");
    }

    private static void problem(Response response, int status, String detail) {
        response.then()
                .statusCode(status)
                .contentType(containsString("problem+json"))
                .body("detail", containsString(detail));
    }

    /** 28 × 28 grey bytes as a PNG. */
    static byte[] png(byte[] grey) throws IOException {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, 28, 28, grey);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static byte[] gif() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_INDEXED), "gif", out);
        return out.toByteArray();
    }

    /** A PNG whose IHDR claims another size (its CRC fixed): what a decompression bomb looks like. */
    private static byte[] withSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        ByteBuffer.wrap(out).putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(out, 12, 17);
        ByteBuffer.wrap(out).putInt(29, (int) crc.getValue());
        return out;
    }
}
