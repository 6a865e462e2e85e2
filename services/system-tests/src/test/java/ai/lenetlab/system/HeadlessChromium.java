package ai.lenetlab.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium, headless, one profile (cookies, session) per instance: one per simulated person. */
final class HeadlessChromium {

    private HeadlessChromium() {}

    static ChromeDriver start() {
        try {
            ChromeOptions options = new ChromeOptions()
                    .setBinary(Prerequisites.CHROMIUM.toFile())
                    .addArguments(
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--window-size=1400,1000",
                            "--user-data-dir=" + Files.createTempDirectory("chromium"));
            ChromeDriver driver = new ChromeDriver(
                    new ChromeDriverService.Builder()
                            .usingDriverExecutable(Prerequisites.CHROMEDRIVER.toFile())
                            .usingAnyFreePort()
                            .build(),
                    options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
