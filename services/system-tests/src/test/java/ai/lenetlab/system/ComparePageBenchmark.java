package ai.lenetlab.system;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.StrictJson;
import ai.lenetlab.infra.PostgresServer;
import ai.lenetlab.infra.SyntheticRuns;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A benchmark, not a test (Surefire does not pick it up by name): the Compare page in real Chromium
 * over 500 runs × 20 epochs, from the address to the page drawn (the results grid filled and the
 * test-accuracy chart rendered), for a few configs with many seeds and many configs with a few. The
 * whole system runs as {@code ./lenetlab up} runs it; the runs are written straight into PostgreSQL.
 *
 * <pre>./mvnw -pl services/system-tests verify -Dtest=ComparePageBenchmark</pre>
 */
class ComparePageBenchmark {

    private static final int RUNS = 500;
    private static final int EPOCHS = 20;

    @Test
    void comparePageWithFiveHundredRuns() throws Exception {
        Prerequisites.browserMissing().ifPresent(Assumptions::abort);
        try (RunningSystem system = new RunningSystem()) {
            String frontend = system.startFrontend();
            ChromeDriver browser = HeadlessChromium.start();
            try {
                HeadlessChromium.signIn(
                        browser,
                        frontend,
                        RunningSystem.ADMIN,
                        RunningSystem.ADMIN_PASSWORD,
                        "/",
                        Duration.ofSeconds(60));
                String config = StrictJson.configure(new ObjectMapper())
                        .writeValueAsString(
                                Presets.MODEL_2.toBuilder().epochs(EPOCHS).build());
                // first 6 runs (2 configs × 3 seeds): what the page costs without the scale
                for (int[] shape : new int[][] {{6, 2}, {RUNS, 5}, {RUNS, 100}, {RUNS, RUNS}}) {
                    int runs = shape[0];
                    int configs = shape[1];
                    List<UUID> experiments;
                    try (Connection c =
                            DriverManager.getConnection(system.postgres.jdbcUrl(), PostgresServer.USER, "postgres")) {
                        experiments = SyntheticRuns.insert(c, config, runs, EPOCHS, configs);
                    }
                    String page = frontend + "/compare?experiment="
                            + experiments.stream().map(UUID::toString).collect(Collectors.joining(","));
                    List<Long> millis = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        browser.get(frontend + "/"); // away, so that each visit builds the page anew
                        long start = System.nanoTime();
                        browser.get(page);
                        new WebDriverWait(browser, Duration.ofSeconds(60))
                                .pollingEvery(Duration.ofMillis(20))
                                .until(b -> !b.findElements(By.cssSelector("#compare-metrics vaadin-grid-cell-content"))
                                                .isEmpty()
                                        && b
                                                .findElements(By.cssSelector(
                                                        "lenetlab-chart[data-metric=testAccuracy][data-rendered]"))
                                                .stream()
                                                .anyMatch(e -> !"0".equals(e.getDomAttribute("data-rendered"))));
                        millis.add((System.nanoTime() - start) / 1_000_000);
                    }
                    assertThat(browser.findElements(By.cssSelector(".problem")).stream()
                                    .filter(e -> e.isDisplayed())
                                    .toList())
                            .isEmpty();
                    List<Long> warm =
                            millis.subList(1, millis.size()).stream().sorted().toList();
                    System.out.printf(
                            Locale.ROOT,
                            "Compare page, %d runs × %d epochs as %d configs × %d seeds: first %d ms,"
                                    + " then p50 %d ms, max %d ms%n",
                            runs,
                            EPOCHS,
                            configs,
                            runs / configs,
                            millis.get(0),
                            warm.get(warm.size() / 2),
                            warm.get(warm.size() - 1));
                }
            } finally {
                browser.quit();
            }
        }
    }
}
