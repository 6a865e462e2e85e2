package ai.lenetlab.contracts;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The documented bounds of every {@link RunConfig} field. The API answers a violation with 400,
 * the CLI with exit code 2; nothing invalid reaches the trainer.
 *
 * <pre>
 * conv1Channels, conv2Channels  1 – 256
 * kernelSize                    3, 5 or 7
 * fc1Units, fc2Units            1 – 4096
 * dropout                       [0, 1)
 * learningRate                  (0, 10]
 * momentum                      [0, 1)
 * weightDecay                   [0, 1]
 * batchSize                     1 – 4096
 * epochs                        1 – 200
 * lrStepSize                    1 – 200
 * lrGamma                       (0, 1]
 * seed                          0 – 2^31-1
 * trainSamples                  0 – 60000 (0: all)
 * testSamples                   0 – 10000 (0: all)
 * enumerated fields             required, one of their ids
 * </pre>
 */
public final class ConfigValidator {

    public static final int MAX_CHANNELS = 256;
    public static final int MAX_UNITS = 4096;
    public static final int MAX_BATCH_SIZE = 4096;
    public static final int MAX_EPOCHS = 200;
    public static final double MAX_LEARNING_RATE = 10.0;
    public static final int TRAIN_SET_SIZE = 60_000;
    public static final int TEST_SET_SIZE = 10_000;

    private ConfigValidator() {}

    public static List<ConfigViolation> validate(RunConfig c) {
        List<ConfigViolation> out = new ArrayList<>();
        if (c == null) {
            out.add(new ConfigViolation("config", "is required"));
            return out;
        }
        required(out, "activation", c.activation());
        required(out, "pooling", c.pooling());
        required(out, "weightInit", c.weightInit());
        required(out, "optimizer", c.optimizer());
        required(out, "lrSchedule", c.lrSchedule());
        required(out, "normalization", c.normalization());
        required(out, "augmentation", c.augmentation());
        range(out, "conv1Channels", c.conv1Channels(), 1, MAX_CHANNELS);
        range(out, "conv2Channels", c.conv2Channels(), 1, MAX_CHANNELS);
        if (c.kernelSize() != 3 && c.kernelSize() != 5 && c.kernelSize() != 7) {
            out.add(new ConfigViolation("kernelSize", "must be 3, 5 or 7, was " + c.kernelSize()));
        }
        range(out, "fc1Units", c.fc1Units(), 1, MAX_UNITS);
        range(out, "fc2Units", c.fc2Units(), 1, MAX_UNITS);
        halfOpen(out, "dropout", c.dropout(), 0, 1);
        if (!(c.learningRate() > 0 && c.learningRate() <= MAX_LEARNING_RATE)) {
            out.add(new ConfigViolation(
                    "learningRate", "must be in (0, " + MAX_LEARNING_RATE + "], was " + c.learningRate()));
        }
        halfOpen(out, "momentum", c.momentum(), 0, 1);
        if (!(c.weightDecay() >= 0 && c.weightDecay() <= 1)) {
            out.add(new ConfigViolation("weightDecay", "must be in [0, 1], was " + c.weightDecay()));
        }
        range(out, "batchSize", c.batchSize(), 1, MAX_BATCH_SIZE);
        range(out, "epochs", c.epochs(), 1, MAX_EPOCHS);
        range(out, "lrStepSize", c.lrStepSize(), 1, MAX_EPOCHS);
        if (!(c.lrGamma() > 0 && c.lrGamma() <= 1)) {
            out.add(new ConfigViolation("lrGamma", "must be in (0, 1], was " + c.lrGamma()));
        }
        range(out, "seed", c.seed(), 0, Integer.MAX_VALUE);
        range(out, "trainSamples", c.trainSamples(), 0, TRAIN_SET_SIZE);
        range(out, "testSamples", c.testSamples(), 0, TEST_SET_SIZE);
        if (c.trainSamples() > 0 && c.batchSize() > c.trainSamples()) {
            out.add(new ConfigViolation(
                    "batchSize", "must not exceed trainSamples (" + c.trainSamples() + "), was " + c.batchSize()));
        }
        return out;
    }

    /**
     * A field's bounds in words, for forms to show beside it: "between 1 and 256", "in (0, 10.0]",
     * "3, 5 or 7", "one of relu, sigmoid". Read off {@link #validate} itself (a value below every
     * lower bound, worded as its violation), so the bounds keep one home.
     */
    public static String bounds(String field) {
        Class<?> type = Arrays.stream(RunConfig.class.getRecordComponents())
                .filter(c -> c.getName().equals(field))
                .map(RecordComponent::getType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(field + " is not a config field"));
        if (type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> ((ConfigChoice) c).id())
                            .collect(Collectors.joining(", "));
        }
        RunConfig belowAll = ConfigOverrides.apply(Presets.MODEL_2, Map.of(field, -1));
        return validate(belowAll).stream()
                .filter(v -> v.field().equals(field))
                .findFirst()
                .map(v -> v.message().replaceFirst("^must be ", "").replaceFirst(", was .*$", ""))
                .orElseThrow(() -> new IllegalStateException(field + " has no lower bound"));
    }

    /** Validates and throws with every violation listed. */
    public static RunConfig requireValid(RunConfig config) {
        List<ConfigViolation> violations = validate(config);
        if (!violations.isEmpty()) {
            throw new InvalidConfigException(violations);
        }
        return config;
    }

    private static void required(List<ConfigViolation> out, String field, Object value) {
        if (value == null) {
            out.add(new ConfigViolation(field, "is required"));
        }
    }

    private static void range(List<ConfigViolation> out, String field, long value, long min, long max) {
        if (value < min || value > max) {
            out.add(new ConfigViolation(field, "must be between " + min + " and " + max + ", was " + value));
        }
    }

    private static void halfOpen(List<ConfigViolation> out, String field, double value, double min, double max) {
        if (!(value >= min && value < max)) {
            out.add(new ConfigViolation(field, "must be in [" + min + ", " + max + "), was " + value));
        }
    }
}
