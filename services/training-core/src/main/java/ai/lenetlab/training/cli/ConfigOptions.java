package ai.lenetlab.training.cli;

import ai.lenetlab.contracts.ConfigOverrides;
import ai.lenetlab.contracts.ConfigValidator;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that make a run config: a preset (or a JSON config file), then single-field
 * overrides named after the config's fields. Shared by train, summary and bench.
 */
final class ConfigOptions {

    @Option(
            names = "--preset",
            paramLabel = "ID",
            defaultValue = "model-2",
            description =
                    "Start from a preset: d2l, model-1 … model-4, lenet-modern, lenet-fast (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "Start from a full config in JSON instead.")
    Path configFile;

    @Option(names = "--activation", paramLabel = "sigmoid|relu|tanh")
    String activation;

    @Option(names = "--pooling", paramLabel = "avg|max")
    String pooling;

    @Option(names = "--conv1", paramLabel = "N", description = "conv1Channels (1–256)")
    Integer conv1Channels;

    @Option(names = "--conv2", paramLabel = "N", description = "conv2Channels (1–256)")
    Integer conv2Channels;

    @Option(names = "--kernel-size", paramLabel = "3|5|7")
    Integer kernelSize;

    @Option(names = "--fc1", paramLabel = "N", description = "fc1Units (1–4096)")
    Integer fc1Units;

    @Option(names = "--fc2", paramLabel = "N", description = "fc2Units (1–4096)")
    Integer fc2Units;

    @Option(names = "--dropout", paramLabel = "P", description = "[0, 1)")
    Double dropout;

    @Option(names = "--batch-norm", paramLabel = "true|false", arity = "0..1", fallbackValue = "true")
    Boolean batchNorm;

    @Option(names = "--init", paramLabel = "pytorch-default|xavier-uniform")
    String weightInit;

    @Option(names = "--optimizer", paramLabel = "sgd|sgd-momentum|adam|adamw")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "learningRate, (0, 10]")
    Double learningRate;

    @Option(names = "--momentum", paramLabel = "X", description = "[0, 1), for sgd-momentum")
    Double momentum;

    @Option(names = "--weight-decay", paramLabel = "X", description = "[0, 1]")
    Double weightDecay;

    @Option(names = "--batch-size", paramLabel = "N", description = "1–4096")
    Integer batchSize;

    @Option(names = "--epochs", paramLabel = "N", description = "1–200")
    Integer epochs;

    @Option(names = "--schedule", paramLabel = "none|step|cosine|one-cycle")
    String lrSchedule;

    @Option(names = "--lr-step", paramLabel = "N", description = "lrStepSize: epochs per step")
    Integer lrStepSize;

    @Option(names = "--lr-gamma", paramLabel = "X", description = "lrGamma, (0, 1]")
    Double lrGamma;

    @Option(names = "--normalization", paramLabel = "unit|centered|standardized")
    String normalization;

    @Option(names = "--augmentation", paramLabel = "none|flip|flip-shift")
    String augmentation;

    @Option(names = "--seed", paramLabel = "N")
    Long seed;

    @Option(names = "--train-samples", paramLabel = "N", description = "Train on the first N images (0: all).")
    Integer trainSamples;

    @Option(names = "--test-samples", paramLabel = "N", description = "Test on the first N images (0: all).")
    Integer testSamples;

    /** The preset or file, with the given options applied, validated. */
    RunConfig resolve() throws IOException {
        RunConfig base = configFile != null
                ? JsonMapper.builder()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build()
                        .readValue(configFile.toFile(), RunConfig.class)
                : Presets.get(preset).config();
        return ConfigValidator.requireValid(ConfigOverrides.apply(base, overrides()));
    }

    /** A name for titles and folders: the preset, or the config file's name. */
    String label() {
        return configFile != null ? configFile.getFileName().toString() : preset;
    }

    /**
     * The options given, by config field: each option's Java field is named after the RunConfig
     * component it sets, so the overrides follow the record (a new config field needs only its option).
     */
    private Map<String, Object> overrides() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        for (RecordComponent component : RunConfig.class.getRecordComponents()) {
            try {
                Object value = ConfigOptions.class
                        .getDeclaredField(component.getName())
                        .get(this);
                if (value != null) {
                    overrides.put(component.getName(), value);
                }
            } catch (NoSuchFieldException e) {
                // a config field without a command-line option: set it with --config
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read the option for " + component.getName(), e);
            }
        }
        return overrides;
    }
}
