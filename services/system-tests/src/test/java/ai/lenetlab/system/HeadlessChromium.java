package ai.lenetlab.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

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

    /** Signs in on the login page (opening {@code then} first, which asks for it) and waits until it is gone. */
    static void signIn(WebDriver browser, String frontend, String user, String password, String then, Duration limit) {
        if (browser.findElements(By.cssSelector("vaadin-login-form")).isEmpty()) {
            browser.get(frontend + then);
        }
        new WebDriverWait(browser, limit)
                .until(b -> !b.findElements(By.cssSelector("#vaadinLoginUsername input"))
                        .isEmpty());
        typeCredentials(browser, user, password);
        new WebDriverWait(browser, limit)
                .until(b -> b.findElements(By.cssSelector("vaadin-login-form")).isEmpty());
    }

    static void typeCredentials(WebDriver browser, String user, String password) {
        browser.findElement(By.cssSelector("#vaadinLoginUsername input")).sendKeys(user);
        browser.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys(password);
        browser.findElement(By.cssSelector("vaadin-button[slot=submit]")).click();
    }
}
