package ai.lenetlab.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI as several people use it at once, in real Chromium, while runs train and push live
 * updates: three signed-in users browse every page for a minute, and a stranger keeps trying a
 * wrong password while holding push connections with the same session. Every page must be served
 * (its data shown, the live indicator on) within 10 s, the frontend must never log "Thread blocked",
 * and it must stop on SIGTERM. This is how the session-lock deadlock (vaadin/flow#18349) showed up:
 * one user walking one path once never met it. People follow links inside the app and now and then
 * load a page anew (a new UI and push connection). Page times are printed (BENCHMARKS.md).
 */
class UiSoakTest {

    private static final Duration SOAK = Duration.ofSeconds(Long.getLong("lenetlab.soak.seconds", 60));
    private static final Duration PAGE_LIMIT = Duration.ofSeconds(10);
    private static final int USERS = Integer.getInteger("lenetlab.soak.users", 3);
    private static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");

    private RunningSystem system;
    private final List<ChromeDriver> browsers = Collections.synchronizedList(new ArrayList<>());

    record Page(String name, String path, Predicate<WebDriver> shown) {}

    record Visit(String user, String page, long millis, String failure) {}

    @BeforeEach
    void prerequisites() {
        Prerequisites.browserMissing().ifPresent(why -> Assumptions.abort(why));
    }

    @AfterEach
    void stop() {
        browsers.forEach(b -> {
            try {
                b.quit();
            } catch (WebDriverException e) {
                // already gone
            }
        });
        if (system != null) {
            system.close();
        }
    }

    @Test
    void severalUsersBrowseWhileRunsTrainAndNothingHangs() throws Exception {
        system = new RunningSystem();
        system.startWorker("worker-a");
        system.startWorker("worker-b");
        String frontend = system.startFrontend();
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= USERS; i++) {
            users.add(createResearcher("user" + i));
        }

        List<String> done = submit("""
                {"name":"soak: finished","runs":[{"preset":"model-2","seeds":[1,2],
                 "overrides":{"epochs":1,"trainSamples":1024,"testSamples":500}}]}""");
        await().atMost(Duration.ofMinutes(3)).until(() -> done.stream().allMatch(id -> "COMPLETED".equals(status(id))));
        // long enough to train (and push progress) throughout the soak; cancelled at the end
        List<String> live = submit("""
                {"name":"soak: training","runs":[{"preset":"model-2","seeds":[1,2],
                 "overrides":{"epochs":200,"trainSamples":2048,"testSamples":500}}]}""");
        await().atMost(Duration.ofMinutes(2)).until(() -> live.stream().allMatch(id -> "RUNNING".equals(status(id))));

        List<Page> pages = List.of(
                new Page(
                        "runs",
                        "/",
                        b -> !b.findElements(By.cssSelector("#runs a[data-run-id]"))
                                .isEmpty()),
                new Page(
                        "run (training)",
                        "/runs/" + live.get(0),
                        b -> !b.findElements(By.cssSelector(".metric-card")).isEmpty()),
                new Page(
                        "run (completed)",
                        "/runs/" + done.get(0),
                        b -> !b.findElements(By.cssSelector(".prediction")).isEmpty()),
                new Page(
                        "compare",
                        "/compare?runs=" + done.get(0) + "," + done.get(1) + "," + live.get(0),
                        b -> b.findElements(By.cssSelector("#compare-metrics vaadin-grid-cell-content")).stream()
                                .anyMatch(c -> c.getText().endsWith("%"))),
                new Page(
                        "new experiment",
                        "/new",
                        b -> b.findElements(By.cssSelector("vaadin-checkbox-group vaadin-checkbox"))
                                                .size()
                                        >= 6
                                && b.findElements(By.cssSelector("#submit-experiment[disabled]"))
                                        .isEmpty()));

        List<ChromeDriver> people = new ArrayList<>();
        for (String user : users) {
            ChromeDriver browser = browser();
            HeadlessChromium.signIn(browser, frontend, user, "a-long-password-" + user, "/", PAGE_LIMIT);
            people.add(browser);
        }
        ChromeDriver stranger = browser();

        ExecutorService threads = Executors.newFixedThreadPool(USERS + 1);
        // one untimed round first, as a server that has been up a while has compiled its hot paths
        List<Future<?>> warmUps = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            ChromeDriver browser = people.get(i);
            warmUps.add(threads.submit(() -> pages.forEach(page -> visit("warm-up", browser, frontend, page, false))));
        }
        for (Future<?> warmUp : warmUps) {
            warmUp.get(2, TimeUnit.MINUTES);
        }
        long deadline = System.nanoTime() + SOAK.toNanos();
        List<Future<List<Visit>>> results = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String user = users.get(i);
            ChromeDriver browser = people.get(i);
            int first = i;
            results.add(threads.submit(() -> browse(user, browser, frontend, pages, first, deadline)));
        }
        Future<Integer> attempts = threads.submit(() -> wrongPasswords(stranger, frontend, deadline));
        List<Visit> visits = new ArrayList<>();
        for (Future<List<Visit>> result : results) {
            visits.addAll(result.get(SOAK.toSeconds() + 120, TimeUnit.SECONDS));
        }
        int wrongSignIns = attempts.get(120, TimeUnit.SECONDS);
        threads.shutdownNow();
        report(visits, wrongSignIns);

        // a stranger's wrong passwords held nothing up: a person can still sign in and see the runs
        ChromeDriver late = browser();
        HeadlessChromium.signIn(late, frontend, users.get(0), "a-long-password-" + users.get(0), "/", PAGE_LIMIT);
        Visit afterwards = visit("late user", late, frontend, pages.get(0), true);
        live.forEach(id -> given().spec(admin()).post("/api/runs/" + id + "/cancel"));

        assertThat(visits.stream().filter(v -> v.failure() != null))
                .as("page visits that failed")
                .isEmpty();
        assertThat(visits.stream().filter(v -> v.millis() > PAGE_LIMIT.toMillis()))
                .as("page visits over 10 s")
                .isEmpty();
        assertThat(visits).as("visits per user").hasSizeGreaterThanOrEqualTo(USERS * pages.size());
        assertThat(wrongSignIns)
                .as("wrong-password sign-ins with push connections open")
                .isGreaterThanOrEqualTo(3);
        assertThat(afterwards.failure()).isNull();
        assertThat(system.log("frontend")).doesNotContain("Thread blocked");
        assertThat(system.stopFrontend(Duration.ofSeconds(10)))
                .as("the frontend stops within 10 s of SIGTERM")
                .isTrue();
    }

    /** One person: the pages in turn, each until its data is shown, until the deadline. */
    private List<Visit> browse(
            String user, ChromeDriver browser, String frontend, List<Page> pages, int first, long deadline) {
        List<Visit> visits = new ArrayList<>();
        for (int i = first; System.nanoTime() < deadline; i++) {
            // a link followed inside the app, as people move around; once a round, the address typed anew
            boolean reload = (i - first) % pages.size() == 0;
            visits.add(visit(user, browser, frontend, pages.get(i % pages.size()), reload));
        }
        return visits;
    }

    private Visit visit(String who, ChromeDriver browser, String frontend, Page page, boolean reload) {
        long start = System.nanoTime();
        String failure = null;
        try {
            if (reload) {
                browser.get(frontend + page.path());
            } else {
                browser.executeScript(
                        "const link = document.createElement('a'); link.href = arguments[0];"
                                + "link.setAttribute('router-link', ''); document.body.appendChild(link); link.click(); link.remove();",
                        frontend + page.path());
            }
            long left = PAGE_LIMIT.toMillis() - (System.nanoTime() - start) / 1_000_000;
            new WebDriverWait(browser, Duration.ofMillis(Math.max(1, left)))
                    .pollingEvery(Duration.ofMillis(50))
                    .until(b -> page.shown().test(b)
                            && !b.findElements(By.cssSelector(".live-indicator[data-live=true]"))
                                    .isEmpty());
        } catch (WebDriverException e) {
            failure = e.getClass().getSimpleName() + " after " + (System.nanoTime() - start) / 1_000_000 + " ms";
            screenshot(browser, who + "-" + page.name());
        }
        return new Visit(who, page.name(), (System.nanoTime() - start) / 1_000_000, failure);
    }

    /**
     * A stranger without an account: several tabs of the sign-in page (each with its push connection,
     * one session cookie), and a wrong password now and then, until the deadline.
     */
    private int wrongPasswords(ChromeDriver stranger, String frontend, long deadline) {
        stranger.get(frontend + "/login");
        String first = stranger.getWindowHandle();
        for (int tab = 0; tab < 3; tab++) {
            stranger.switchTo().newWindow(WindowType.TAB).get(frontend + "/login");
        }
        stranger.switchTo().window(first);
        int attempts = 0;
        while (System.nanoTime() < deadline && attempts < 30) {
            try {
                new WebDriverWait(stranger, PAGE_LIMIT)
                        .until(b -> !b.findElements(By.cssSelector("#vaadinLoginUsername input"))
                                .isEmpty());
                HeadlessChromium.typeCredentials(stranger, "admin", "not-the-password-" + attempts);
                attempts++;
                Thread.sleep(3000);
                stranger.navigate().refresh();
            } catch (WebDriverException e) {
                screenshot(stranger, "stranger");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return attempts;
    }

    private ChromeDriver browser() {
        ChromeDriver browser = HeadlessChromium.start();
        browser.manage().timeouts().pageLoadTimeout(PAGE_LIMIT);
        browsers.add(browser);
        return browser;
    }

    private static void report(List<Visit> visits, int wrongSignIns) {
        Map<String, List<Long>> byPage = new TreeMap<>();
        visits.forEach(
                v -> byPage.computeIfAbsent(v.page(), p -> new ArrayList<>()).add(v.millis()));
        System.out.printf(
                Locale.ROOT,
                "UI soak: %d users, %d s, %d page visits, %d failed; %d wrong-password sign-ins%n",
                USERS,
                SOAK.toSeconds(),
                visits.size(),
                visits.stream().filter(v -> v.failure() != null).count(),
                wrongSignIns);
        List<Long> all = visits.stream().map(Visit::millis).toList();
        byPage.put("(all pages)", all);
        byPage.forEach((page, times) -> System.out.printf(
                Locale.ROOT,
                "  %-18s n=%3d  p50 %5d ms  p95 %5d ms  max %5d ms%n",
                page,
                times.size(),
                percentile(times, 50),
                percentile(times, 95),
                percentile(times, 100)));
        visits.stream()
                .filter(v -> v.failure() != null)
                .limit(10)
                .forEach(v -> System.out.printf("  failed: %s %s: %s%n", v.user(), v.page(), v.failure()));
    }

    private static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void screenshot(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(
                    SCREENSHOTS.resolve("soak-" + name.replaceAll("[^a-z0-9-]+", "-") + ".png"),
                    browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException | WebDriverException e) {
            // a hung page may not even give a screenshot; the failure is recorded either way
        }
    }

    private RequestSpecification admin() {
        return given().baseUri(system.baseUrl())
                .auth()
                .preemptive()
                .basic(RunningSystem.ADMIN, RunningSystem.ADMIN_PASSWORD);
    }

    private String createResearcher(String name) {
        given().spec(admin())
                .contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", "a-long-password-" + name, "role", "researcher"))
                .post("/api/users")
                .then()
                .statusCode(201);
        return name;
    }

    private List<String> submit(String experiment) {
        return given().spec(admin())
                .contentType(ContentType.JSON)
                .body(experiment)
                .post("/api/experiments")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getList("runs.id");
    }

    private String status(String run) {
        return given().spec(admin())
                .get("/api/runs/" + run)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }
}
