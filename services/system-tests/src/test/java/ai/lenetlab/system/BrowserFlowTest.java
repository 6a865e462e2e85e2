package ai.lenetlab.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web frontend in a real headless Chromium against the real system (Kafka, PostgreSQL, the
 * experiment service, a trainer worker, the production frontend): sign in, submit a tiny experiment, watch
 * it complete live, open Compare, check the charts are drawn and the table matches the API.
 * Screenshots land in target/e2e-screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the report's runs come after the first flow's
class BrowserFlowTest {

    private static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");

    private static RunningSystem system;
    private static ChromeDriver browser;
    private static String frontend;
    private int shot;

    @BeforeAll
    static void start() throws IOException {
        if (Prerequisites.browserMissing().isPresent()) {
            return; // each test reports itself skipped, with the reason
        }
        system = new RunningSystem();
        system.startWorker("worker-a");
        frontend = system.startFrontend();
        RestAssured.baseURI = system.baseUrl();
        RestAssured.authentication = RestAssured.preemptive().basic(RunningSystem.ADMIN, RunningSystem.ADMIN_PASSWORD);
        browser = HeadlessChromium.start();
    }

    @BeforeEach
    void prerequisites() throws IOException {
        Prerequisites.browserMissing().ifPresent(Assumptions::abort);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void submitWatchLiveAndCompare() throws IOException {
        withEvidence(this::submitWatchLiveAndCompareSteps);
    }

    /**
     * The report's models on small subsets (1 epoch, 512 training and 200 test images), two seeds
     * each: the report page fills in live and judges each step.
     */
    @Test
    @Order(2)
    void theReportReproducedOnSmallSubsets() throws IOException {
        withEvidence(() -> {
            String specs = java.util.stream.Stream.of("d2l", "model-1", "model-2", "model-3", "model-4")
                    .map(p -> "{\"preset\":\"" + p + "\",\"seeds\":[1,2],"
                            + "\"overrides\":{\"epochs\":1,\"trainSamples\":512,\"testSamples\":200}}")
                    .collect(java.util.stream.Collectors.joining(","));
            String experiment = given().contentType("application/json")
                    .body("{\"name\":\"report, small\",\"runs\":[" + specs + "]}")
                    .post("/api/experiments")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            browser.get(frontend + "/report/" + experiment);
            await(By.id("report-table"));
            new WebDriverWait(browser, Duration.ofMinutes(5))
                    .pollingEvery(Duration.ofMillis(500))
                    .until(b ->
                            b.findElement(By.id("report-progress")).getText().equals("All 10 runs are done."));
            String step = browser.findElement(By.cssSelector("#report-verdicts [data-step=model-2-vs-model-1]"))
                    .getText();
            assertThat(step).contains("model-2").contains("model-1").contains("2 vs 2 seeds");
            List<String> cells = browser.findElements(By.cssSelector("#report-table vaadin-grid-cell-content")).stream()
                    .map(WebElement::getText)
                    .toList();
            assertThat(cells).contains("Report model 2", "90 %", "2 of 2");
            screenshot("report");
        });
    }

    private interface Steps {
        void run() throws IOException;
    }

    /** Runs the steps; on failure keeps a screenshot and the page's HTML. */
    private void withEvidence(Steps steps) throws IOException {
        try {
            steps.run();
        } catch (RuntimeException | AssertionError e) {
            screenshot("failure");
            Files.writeString(SCREENSHOTS.resolve("failure.html"), browser.getPageSource());
            throw e;
        }
    }

    private void submitWatchLiveAndCompareSteps() throws IOException {
        // no other site may frame the UI
        given().get(frontend + "/login")
                .then()
                .statusCode(200)
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff");

        // Sign in: every page asks for it first, then goes on to the page asked for
        browser.get(frontend + "/new");
        type(await(By.cssSelector("#vaadinLoginUsername input")), RunningSystem.ADMIN);
        type(await(By.cssSelector("#vaadinLoginPassword input")), RunningSystem.ADMIN_PASSWORD);
        screenshot("sign-in");
        String before = browser.manage().getCookieNamed("JSESSIONID").getValue();
        await(By.cssSelector("vaadin-button[slot=submit]")).click();
        await(By.cssSelector("#experiment-name input"));

        // the session cookie: a new id after sign-in (no fixation), hidden from scripts, same-site only
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session.getValue()).isNotEqualTo(before);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat((String) js("return document.cookie;")).doesNotContain("JSESSIONID");

        // New experiment: a custom config from model-2, two seeds, a small subset
        type(await(By.cssSelector("#experiment-name input")), "browser flow");
        type(await(By.cssSelector("#seeds input")), "1, 2");
        await(By.id("custom-config")).click();
        type(await(By.cssSelector("[data-field=epochs] input")), "2");
        type(await(By.cssSelector("[data-field=trainSamples] input")), "2048");
        type(await(By.cssSelector("[data-field=testSamples] input")), "500");
        screenshot("new-experiment");
        await(By.id("submit-experiment")).click();

        // Runs: both runs appear and complete while the page stays open (server push, no reload)
        await(By.cssSelector("a[data-run-id]"));
        js("window.lenetlabSamePage = true;");
        List<String> ids = given().get("/api/runs")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id");
        assertThat(ids).hasSize(2);
        new WebDriverWait(browser, Duration.ofMinutes(4))
                .pollingEvery(Duration.ofMillis(250))
                .until(b -> b.findElements(By.cssSelector("#runs span[data-status=COMPLETED]"))
                                .size()
                        == 2);
        assertThat(js("return window.lenetlabSamePage === true;")).isEqualTo(true);
        screenshot("runs-completed");

        // Run page: curves, confusion matrix, the 40 sampled test images
        browser.get(frontend + "/runs/" + ids.get(0));
        new WebDriverWait(browser, Duration.ofSeconds(90))
                .until(b -> b.findElements(By.cssSelector(".prediction")).size() == 40);
        awaitChartDrawn("lenetlab-chart");
        screenshot("run");

        // Compare: overlaid curves with the seed group's mean ± std, values as the API gives them
        browser.get(frontend + "/compare?runs=" + String.join(",", ids));
        awaitChartDrawn("lenetlab-chart[data-metric=testAccuracy]");
        Object series = js("return document.querySelector('lenetlab-chart[data-metric=testAccuracy]')"
                + ".chart.getOption().series.length;");
        assertThat(((Number) series).intValue()).isEqualTo(2 + 3); // two runs; a mean line and its band's two halves
        Object canvas = js("return document.querySelector('lenetlab-chart[data-metric=testAccuracy] canvas') != null;");
        assertThat(canvas).isEqualTo(true);

        JsonPath compare = given().get("/api/compare?runs=" + String.join(",", ids))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> cells = browser.findElements(By.cssSelector("#compare-metrics vaadin-grid-cell-content")).stream()
                .map(WebElement::getText)
                .toList();
        for (int i = 0; i < 2; i++) {
            double accuracy = compare.getDouble("runs[" + i + "].finalMetrics.testAccuracy");
            assertThat(cells)
                    .contains(
                            String.format(Locale.ROOT, "%.2f %%", accuracy * 100),
                            compare.getString("runs[" + i + "].label"));
        }
        assertThat(browser.getCurrentUrl()).endsWith("/compare?runs=" + String.join(",", ids));
        screenshot("compare");

        // Where the two runs differ: the API's counts add up to their confusion matrices, the page shows
        // the same images, drawn from the test set's pixels
        JsonPath difference = given().get("/api/compare/difference?a=" + ids.get(0) + "&b=" + ids.get(1))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        int rightA = correct(ids.get(0));
        int rightB = correct(ids.get(1));
        assertThat(difference.getInt("fixedCount") - difference.getInt("brokenCount"))
                .isEqualTo(rightB - rightA);
        assertThat(difference.getInt("testImages")).isEqualTo(500);
        int shown = Math.min(48, difference.getInt("fixedCount"));
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> b.findElements(By.cssSelector("#difference-fixed .prediction img[src^='data:image/png']"))
                                .size()
                        == shown);
        assertThat(browser.findElement(By.cssSelector("#compare-difference p")).getText())
                .contains(String.format(Locale.ROOT, "B gets %,d right", difference.getInt("fixedCount")));
        screenshot("compare-difference");

        // Export: the page's Markdown link downloads what the API writes for these runs
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> b.findElements(By.cssSelector("#compare-exports a[data-export=MARKDOWN][href]"))
                                .size()
                        == 1);
        Object downloaded = ((JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "fetch(document.querySelector('#compare-exports a[data-export=MARKDOWN]').href)"
                        + ".then(r => r.text()).then(done, e => done('failed: ' + e));");
        String markdown = given().get("/api/compare.md?runs=" + String.join(",", ids))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(markdown).startsWith("| Config | Seeds |");
        assertThat(downloaded).isEqualTo(markdown);
    }

    /** How many test images a run got right: its confusion matrix's diagonal. */
    private static int correct(String run) {
        List<List<Integer>> confusion =
                given().get("/api/runs/" + run).then().extract().jsonPath().getList("confusionMatrix");
        int right = 0;
        for (int i = 0; i < confusion.size(); i++) {
            right += confusion.get(i).get(i);
        }
        return right;
    }

    private WebElement await(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(90)).until(b -> {
            List<WebElement> found = b.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    private void awaitChartDrawn(String selector) {
        new WebDriverWait(browser, Duration.ofSeconds(90))
                .until(b -> b.findElements(By.cssSelector(selector + "[data-rendered]")).stream()
                        .anyMatch(e -> !"0".equals(e.getDomAttribute("data-rendered"))));
    }

    /** Replaces a field's text and leaves it, so Vaadin sees the change. */
    private static void type(WebElement input, String text) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", input);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text, Keys.TAB);
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void screenshot(String name) throws IOException {
        Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(
                file,
                SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shot, name)),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
