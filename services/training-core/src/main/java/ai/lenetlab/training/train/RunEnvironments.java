package ai.lenetlab.training.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.lenetlab.contracts.RunEnvironment;
import ai.lenetlab.dataset.DatasetFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** This process's {@link RunEnvironment}: read once, apart from the device a run trains on. */
public final class RunEnvironments {

    static final String UNKNOWN = "unknown";
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

    private RunEnvironments() {}

    /** The environment of a run on {@code device}; the PyTorch engine must be loaded (it is, once a model exists). */
    public static RunEnvironment current(String device) {
        Properties build = resource("lenetlab.properties");
        Properties git = resource("git.properties");
        String commit = git.getProperty("git.commit.id", UNKNOWN);
        if (!commit.equals(UNKNOWN) && Boolean.parseBoolean(git.getProperty("git.dirty"))) {
            commit += "+dirty";
        }
        Map<String, String> dataset = new LinkedHashMap<>();
        for (DatasetFile file : DatasetFile.values()) {
            // the loader refuses a file with any other checksum, so a run trained on exactly these
            dataset.put(file.baseName(), file.sha256());
        }
        return new RunEnvironment(
                build.getProperty("version", UNKNOWN),
                commit,
                System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
                Engine.getDjlVersion(),
                Engine.getEngine("PyTorch").getVersion(),
                device,
                cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores",
                JniUtils.getNumThreads(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                dataset);
    }

    /** Linux's name for the processor; the architecture where there is none. */
    static String cpuModel() {
        if (Files.isReadable(CPU_INFO)) {
            try (Stream<String> lines = Files.lines(CPU_INFO)) {
                return lines.filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).strip())
                        .findFirst()
                        .orElse(System.getProperty("os.arch"));
            } catch (IOException | java.io.UncheckedIOException e) {
                // fall through: the architecture is the best there is
            }
        }
        return System.getProperty("os.arch");
    }

    private static Properties resource(String name) {
        Properties properties = new Properties();
        try (InputStream in = RunEnvironments.class.getResourceAsStream("/ai/lenetlab/training/" + name)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // a build without it: its values stay unknown
        }
        return properties;
    }
}
