package ai.lenetlab.sweeps;

import ai.lenetlab.contracts.ConfigFields;
import ai.lenetlab.contracts.ConfigOverrides;
import ai.lenetlab.contracts.ConfigValidator;
import ai.lenetlab.contracts.ConfigViolation;
import ai.lenetlab.contracts.EpochMetric;
import ai.lenetlab.contracts.InvalidConfigException;
import ai.lenetlab.contracts.PlainText;
import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a sweep spec completely before anything runs: every problem is reported at once with the
 * path of its field ({@code space.batchSize.uniform}, {@code earlyStopping.reductionFactor}), and each
 * range is tried against {@link ConfigValidator}'s bounds at its ends (and each choice) on the base
 * config, so no trial can fail for its config later.
 */
public final class SweepSpecCheck {

    public static final int MAX_TRIALS = 500;
    public static final int MAX_SEEDS_PER_TRIAL = 10;
    public static final int MAX_RUNS = 2000;
    public static final int MAX_GRID_VALUES = 100;
    /** Fields a space or the base's overrides may name: more than a config has (24), far fewer than a body holds. */
    public static final int MAX_FIELDS = 32;
    /** The longest text a choice may list (a config's names are short: "adam", "kaimingUniform"). */
    public static final int MAX_CHOICE_TEXT = 100;
    /** What the objective may be: the epoch metrics that say how good a model is. */
    public static final Set<String> METRICS = Set.of(
            EpochMetric.TEST_ACCURACY.key(),
            EpochMetric.TEST_LOSS.key(),
            EpochMetric.TRAIN_ACCURACY.key(),
            EpochMetric.TRAIN_LOSS.key());
    /** Fields a sweep cannot search: the seed is the sweep's own (seedsPerTrial). */
    private static final Set<String> NOT_SEARCHABLE = Set.of("seed");

    private SweepSpecCheck() {}

    /** The plan of a valid spec; else an {@link InvalidSweepException} naming every problem. */
    public static SweepPlan plan(SweepSpec spec) {
        List<ConfigViolation> problems = new ArrayList<>();
        if (spec == null) {
            throw new InvalidSweepException(List.of(new ConfigViolation("sweep", "is missing")));
        }
        if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 200) {
            problems.add(new ConfigViolation("name", "must be 1–200 characters"));
        } else if (PlainText.hasHiddenCharacters(spec.name(), false)) {
            problems.add(new ConfigViolation("name", PlainText.HIDDEN_CHARACTERS));
        }
        RunConfig base = base(spec, problems);
        List<Parameter> parsed = base == null ? List.of() : parameters(spec, base, problems);
        SweepSpec.Method method = spec.method() == null ? SweepSpec.Method.RANDOM : spec.method();
        // the early cap: a grid too large to run is refused before any of its values is tried on the base
        boolean tooLargeGrid = method == SweepSpec.Method.GRID
                && parsed.stream().allMatch(p -> p.gridSize() > 0)
                && GridSampler.size(parsed) > MAX_TRIALS;
        List<Parameter> parameters = tooLargeGrid
                ? parsed
                : parsed.stream()
                        .filter(p -> withinBounds(base, p, "space." + p.field(), problems))
                        .toList();
        int trials = trials(spec, method, parameters, problems);
        SweepPlan.AdaptiveSeeds adaptive = adaptiveSeeds(spec, problems);
        int seeds = adaptive != null
                ? adaptive.min()
                : bounded(spec.seedsPerTrial(), 1, 1, MAX_SEEDS_PER_TRIAL, "seedsPerTrial", problems);
        long seed = spec.seed() == null ? 0 : spec.seed();
        String metric = spec.objective() == null || spec.objective().metric() == null
                ? EpochMetric.TEST_ACCURACY.key()
                : spec.objective().metric();
        if (!METRICS.contains(metric)) {
            problems.add(new ConfigViolation("objective.metric", "must be one of " + METRICS + ", was " + metric));
        }
        SweepSpec.Goal goal = spec.objective() == null || spec.objective().goal() == null
                ? (metric.endsWith("Loss") ? SweepSpec.Goal.MIN : SweepSpec.Goal.MAX)
                : spec.objective().goal();
        SweepSpec.EarlyStopping stopping = Optional.ofNullable(spec.earlyStopping())
                .orElse(new SweepSpec.EarlyStopping(SweepSpec.Rule.NONE, null, null));
        SweepSpec.Rule rule = stopping.rule() == null ? SweepSpec.Rule.NONE : stopping.rule();
        if (adaptive != null && rule == SweepSpec.Rule.ASHA) {
            problems.add(new ConfigViolation(
                    "earlyStopping.rule",
                    "must be none or median with seeds.adaptive: the seed race stops trials at ASHA's rungs"
                            + " itself"));
        }
        int epochs = base == null ? 1 : maxEpochsOf(base, parameters);
        int minEpochs =
                bounded(stopping.minEpochs(), 1, 1, ConfigValidator.MAX_EPOCHS, "earlyStopping.minEpochs", problems);
        if ((rule != SweepSpec.Rule.NONE || adaptive != null) && base != null && minEpochs >= epochs) {
            problems.add(new ConfigViolation(
                    "earlyStopping.minEpochs",
                    "must be below the trials' epochs (" + epochs + "), or nothing can be stopped early"));
        }
        int eta = bounded(stopping.reductionFactor(), 3, 2, 10, "earlyStopping.reductionFactor", problems);
        int startupTrials =
                bounded(stopping.startupTrials(), 5, 0, MAX_TRIALS, "earlyStopping.startupTrials", problems);
        int warmupEpochs = bounded(
                stopping.warmupEpochs(), 0, 0, ConfigValidator.MAX_EPOCHS, "earlyStopping.warmupEpochs", problems);
        int maxConcurrent = bounded(spec.maxConcurrent(), 4, 1, 100, "maxConcurrent", problems);
        int priority = bounded(spec.priority(), 0, -100, 100, "priority", problems);
        SweepSpec.Budget budget = Optional.ofNullable(spec.budget()).orElse(new SweepSpec.Budget(null, null));
        int mostSeeds = adaptive != null ? adaptive.max() : seeds;
        int maxRuns = bounded(
                budget.maxRuns(), Math.min(MAX_RUNS, trials * mostSeeds), 1, MAX_RUNS, "budget.maxRuns", problems);
        int maxEpochs = bounded(
                budget.maxEpochs(),
                Math.max(1, maxRuns * epochs),
                1,
                MAX_RUNS * ConfigValidator.MAX_EPOCHS,
                "budget.maxEpochs",
                problems);
        if (trials * seeds > MAX_RUNS) {
            problems.add(new ConfigViolation(
                    "trials", "× seedsPerTrial is " + trials * seeds + " runs; a sweep holds at most " + MAX_RUNS));
        }
        if (!problems.isEmpty()) {
            throw new InvalidSweepException(problems);
        }
        return new SweepPlan(
                spec.name().trim(),
                spec.base().preset(),
                base,
                parameters,
                method,
                trials,
                seeds,
                seed,
                metric,
                goal,
                rule,
                minEpochs,
                eta,
                startupTrials,
                warmupEpochs,
                maxConcurrent,
                priority,
                maxRuns,
                maxEpochs,
                adaptive);
    }

    /** {@code seeds.adaptive}'s min and max seeds, or null without it. */
    private static SweepPlan.AdaptiveSeeds adaptiveSeeds(SweepSpec spec, List<ConfigViolation> problems) {
        if (spec.seeds() == null) {
            return null;
        }
        SweepSpec.Adaptive adaptive = spec.seeds().adaptive();
        if (adaptive == null) {
            problems.add(new ConfigViolation("seeds.adaptive", "is required in seeds: {\"min\":2,\"max\":8}"));
            return null;
        }
        if (spec.seedsPerTrial() != null) {
            problems.add(new ConfigViolation("seedsPerTrial", "cannot be given with seeds.adaptive: use one"));
        }
        int min = bounded(adaptive.min(), 2, 2, MAX_SEEDS_PER_TRIAL, "seeds.adaptive.min", problems);
        int max = bounded(adaptive.max(), Math.max(min, 8), min, MAX_SEEDS_PER_TRIAL, "seeds.adaptive.max", problems);
        return new SweepPlan.AdaptiveSeeds(min, max);
    }

    private static RunConfig base(SweepSpec spec, List<ConfigViolation> problems) {
        if (spec.base() == null || spec.base().preset() == null) {
            problems.add(new ConfigViolation("base.preset", "is required: one of " + presetIds()));
            return null;
        }
        Optional<Preset> preset = Presets.find(spec.base().preset());
        if (preset.isEmpty()) {
            problems.add(new ConfigViolation(
                    "base.preset",
                    "must be one of " + presetIds() + ", was " + spec.base().preset()));
            return null;
        }
        if (spec.base().overrides() != null && spec.base().overrides().size() > MAX_FIELDS) {
            problems.add(new ConfigViolation(
                    "base.overrides",
                    "must name at most " + MAX_FIELDS + " fields, named "
                            + spec.base().overrides().size()));
            return null;
        }
        try {
            return ConfigValidator.requireValid(
                    ConfigOverrides.apply(preset.get().config(), spec.base().overrides()));
        } catch (InvalidConfigException e) {
            e.violations().forEach(v -> problems.add(new ConfigViolation("base.overrides." + v.field(), v.message())));
            return null;
        }
    }

    /** The space's ranges, read (each range's values are tried on the base by {@link #withinBounds}). */
    private static List<Parameter> parameters(SweepSpec spec, RunConfig base, List<ConfigViolation> problems) {
        if (spec.space() == null || spec.space().isEmpty()) {
            problems.add(new ConfigViolation("space", "must name at least one config field to search"));
            return List.of();
        }
        if (spec.space().size() > MAX_FIELDS) {
            problems.add(new ConfigViolation(
                    "space",
                    "must name at most " + MAX_FIELDS + " fields, named "
                            + spec.space().size()));
            return List.of();
        }
        Set<String> fields = ConfigFields.of(base).keySet();
        List<Parameter> parameters = new ArrayList<>();
        for (Map.Entry<String, SweepSpec.Range> entry : spec.space().entrySet()) {
            String field = entry.getKey();
            String path = "space." + field;
            if (!fields.contains(field) || NOT_SEARCHABLE.contains(field)) {
                problems.add(new ConfigViolation(
                        path,
                        NOT_SEARCHABLE.contains(field)
                                ? "cannot be searched: use seedsPerTrial"
                                : "is not a config field"));
                continue;
            }
            Parameter parameter = parameter(field, entry.getValue(), path, problems);
            if (parameter != null) {
                parameters.add(parameter);
            }
        }
        return parameters;
    }

    private static Parameter parameter(
            String field, SweepSpec.Range range, String path, List<ConfigViolation> problems) {
        if (range == null) {
            problems.add(new ConfigViolation(path, "needs a range: logUniform, uniform, intUniform or choice"));
            return null;
        }
        int kinds = (range.logUniform() != null ? 1 : 0)
                + (range.uniform() != null ? 1 : 0)
                + (range.intUniform() != null ? 1 : 0)
                + (range.choice() != null ? 1 : 0);
        if (kinds != 1) {
            problems.add(new ConfigViolation(path, "needs exactly one of logUniform, uniform, intUniform or choice"));
            return null;
        }
        if (range.choice() != null) {
            if (range.choice().isEmpty()
                    || range.choice().size() > MAX_GRID_VALUES
                    || range.choice().contains(null)) {
                problems.add(new ConfigViolation(path + ".choice", "must list 1–" + MAX_GRID_VALUES + " values"));
                return null;
            }
            for (int i = 0; i < range.choice().size(); i++) {
                if (!isScalar(range.choice().get(i))) {
                    problems.add(new ConfigViolation(
                            path + ".choice[" + i + "]",
                            "must be a number, true or false, or a name of at most " + MAX_CHOICE_TEXT
                                    + " characters"));
                    return null;
                }
            }
            return new Parameter.Choice(field, List.copyOf(range.choice()));
        }
        if (range.intUniform() != null) {
            List<Long> ends = range.intUniform();
            if (ends.size() != 2 || ends.contains(null) || ends.get(0) > ends.get(1)) {
                problems.add(new ConfigViolation(path + ".intUniform", "must be [low, high] with low ≤ high"));
                return null;
            }
            return new Parameter.IntUniform(field, ends.get(0), ends.get(1));
        }
        boolean log = range.logUniform() != null;
        List<Double> ends = log ? range.logUniform() : range.uniform();
        String kind = path + (log ? ".logUniform" : ".uniform");
        if (ends.size() != 2 || ends.contains(null) || !(ends.get(0) < ends.get(1))) {
            problems.add(new ConfigViolation(kind, "must be [low, high] with low < high"));
            return null;
        }
        if (log && ends.get(0) <= 0) {
            problems.add(new ConfigViolation(kind, "must be above 0 (a log scale)"));
            return null;
        }
        return log
                ? new Parameter.LogUniform(field, ends.get(0), ends.get(1))
                : new Parameter.Uniform(field, ends.get(0), ends.get(1));
    }

    private static boolean isScalar(Object value) {
        return value instanceof Number
                || value instanceof Boolean
                || (value instanceof String text && text.length() <= MAX_CHOICE_TEXT);
    }

    /** Every value the range can give must make a valid config: its ends, or each choice. */
    private static boolean withinBounds(
            RunConfig base, Parameter parameter, String path, List<ConfigViolation> problems) {
        List<Object> probes = switch (parameter) {
            case Parameter.LogUniform p -> List.of(p.low(), p.high());
            case Parameter.Uniform p -> List.of(p.low(), p.high());
            case Parameter.IntUniform p -> List.of(p.low(), p.high());
            case Parameter.Choice p -> p.values();
        };
        String kind = switch (parameter) {
            case Parameter.LogUniform p -> ".logUniform";
            case Parameter.Uniform p -> ".uniform";
            case Parameter.IntUniform p -> ".intUniform";
            case Parameter.Choice p -> ".choice";
        };
        for (int i = 0; i < probes.size(); i++) {
            try {
                List<ConfigViolation> violations =
                        ConfigValidator.validate(ConfigOverrides.apply(base, Map.of(parameter.field(), probes.get(i))));
                for (ConfigViolation v : violations) {
                    problems.add(new ConfigViolation(
                            path + kind + "[" + i + "]", probes.get(i) + ": " + v.field() + " " + v.message()));
                }
                if (!violations.isEmpty()) {
                    return false;
                }
            } catch (InvalidConfigException e) {
                problems.add(
                        new ConfigViolation(path + kind, e.violations().get(0).message()));
                return false;
            }
        }
        return true;
    }

    private static int trials(
            SweepSpec spec, SweepSpec.Method method, List<Parameter> parameters, List<ConfigViolation> problems) {
        if (method != SweepSpec.Method.GRID) {
            return bounded(spec.trials(), 20, 1, MAX_TRIALS, "trials", problems);
        }
        for (Parameter p : parameters) {
            if (p.gridSize() == 0 || p.gridSize() > MAX_GRID_VALUES) {
                problems.add(new ConfigViolation(
                        "space." + p.field(),
                        p.gridSize() == 0
                                ? "a grid needs listed values: use choice (or intUniform), or method random or tpe"
                                : "has " + p.gridSize() + " values; a grid takes at most " + MAX_GRID_VALUES
                                        + " per field"));
                return 1;
            }
        }
        // counted exactly, never built: a grid's size overflows a long long before memory runs out
        long size = GridSampler.size(parameters);
        if (size > MAX_TRIALS) {
            problems.add(new ConfigViolation(
                    "space",
                    "makes a grid of " + (size == Long.MAX_VALUE ? "over " + Long.MAX_VALUE : String.valueOf(size))
                            + " configs, more than " + MAX_TRIALS + ": a grid tries every config (or a shuffled"
                            + " part of them) and a sweep holds at most " + MAX_TRIALS
                            + " trials; search a larger space with method random or tpe"));
            return 1;
        }
        return bounded(spec.trials(), (int) size, 1, (int) size, "trials", problems);
    }

    /** The most epochs a trial can train: the base's, or the top of a searched epochs range. */
    private static int maxEpochsOf(RunConfig base, List<Parameter> parameters) {
        int epochs = base.epochs();
        for (Parameter p : parameters) {
            if (p.field().equals("epochs")) {
                epochs = switch (p) {
                    case Parameter.IntUniform r -> (int) r.high();
                    case Parameter.Choice c ->
                        c.values().stream()
                                .mapToInt(v -> ((Number) v).intValue())
                                .max()
                                .orElse(epochs);
                    default -> epochs;
                };
            }
        }
        return epochs;
    }

    private static int bounded(
            Integer value, int fallback, int min, int max, String path, List<ConfigViolation> problems) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            problems.add(new ConfigViolation(path, "must be between " + min + " and " + max + ", was " + value));
            return fallback;
        }
        return value;
    }

    private static String presetIds() {
        return String.join(", ", Presets.all().stream().map(Preset::id).toList());
    }
}
