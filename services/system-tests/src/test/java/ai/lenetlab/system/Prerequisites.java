package ai.lenetlab.system;

import ai.lenetlab.dataset.DatasetLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the system tests need from the machine. A test that cannot run says so per test (assumptions
 * in {@code @BeforeEach}), so Surefire reports it as skipped with the reason instead of dropping it:
 * an assumption in a static {@code @BeforeAll} makes a class vanish as "Tests run: 0" (SUREFIRE-2300).
 */
final class Prerequisites {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Prerequisites() {}

    /** Why the dataset is missing, or empty when it is there. */
    static Optional<String> datasetMissing() {
        return DatasetLocator.installed().isPresent() ? Optional.empty() : Optional.of(DatasetLocator.NOT_INSTALLED);
    }

    /** Why hosts in network namespaces cannot be made (needs root, iproute2 and curl), or empty. */
    static Optional<String> networkNamespacesMissing() {
        try {
            Process probe = new ProcessBuilder("sh", "-c", "[ \"$(id -u)\" = 0 ] && ip netns list && command -v curl")
                    .redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            if (probe.waitFor() == 0) {
                return Optional.empty();
            }
        } catch (IOException | InterruptedException e) {
            // reported below
        }
        return Optional.of("network namespaces need root, iproute2 and curl (apt-get install -y iproute2 curl)");
    }

    /** Why a browser test cannot run, or empty when it can. */
    static Optional<String> browserMissing() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return Optional.of("Chromium is not installed (apt-get install -y chromium chromium-driver)");
        }
        return datasetMissing();
    }
}
