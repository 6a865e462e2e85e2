package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.ConfigOverrides;
import ai.lenetlab.contracts.ConfigValidator;
import ai.lenetlab.contracts.ConfigViolation;
import ai.lenetlab.contracts.InvalidConfigException;
import ai.lenetlab.contracts.PlainText;
import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.ExperimentSubmission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a submission and expands it into one planned run per (config × seed). Every problem is
 * collected with its JSON path, so one 400 answer lists them all.
 *
 * <pre>
 * name            1–200 characters        description   at most 2000 characters
 * runs            1–200 specs, at most 200 runs in all (specs × seeds)
 * runs[i]         preset (+ overrides) or config, not both
 * runs[i].seeds   1–50 seeds, each 0 – 2^31-1 (default: the config's seed)
 * </pre>
 */
public final class ExperimentPlanner {

    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_RUNS = 200;
    public static final int MAX_SEEDS = 50;

    /** A run to create: its config (seed applied) and the preset it came from, if any. */
    public record PlannedRun(String preset, RunConfig config) {}

    private ExperimentPlanner() {}

    public static List<PlannedRun> plan(ExperimentSubmission s) {
        List<ApiProblem.Violation> problems = new ArrayList<>();
        if (s == null) {
            throw new Refusal(Refusal.Kind.INVALID, "a JSON body is required");
        }
        if (s.name() == null || s.name().isBlank() || s.name().length() > MAX_NAME) {
            problems.add(new ApiProblem.Violation("name", "is required, 1–" + MAX_NAME + " characters"));
        }
        if (s.description() != null && s.description().length() > MAX_DESCRIPTION) {
            problems.add(new ApiProblem.Violation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (s.name() != null && PlainText.hasHiddenCharacters(s.name(), false)) {
            problems.add(new ApiProblem.Violation("name", PlainText.HIDDEN_CHARACTERS));
        }
        if (s.description() != null && PlainText.hasHiddenCharacters(s.description(), true)) {
            problems.add(new ApiProblem.Violation("description", PlainText.HIDDEN_CHARACTERS));
        }
        List<PlannedRun> planned = new ArrayList<>();
        if (s.runs() == null || s.runs().isEmpty()) {
            problems.add(new ApiProblem.Violation("runs", "must list at least one run"));
        } else if (s.runs().size() > MAX_RUNS) {
            problems.add(new ApiProblem.Violation("runs", "must list at most " + MAX_RUNS + " runs"));
        } else {
            for (int i = 0; i < s.runs().size(); i++) {
                planSpec("runs[" + i + "]", s.runs().get(i), planned, problems);
            }
            if (planned.size() > MAX_RUNS) {
                problems.add(new ApiProblem.Violation(
                        "runs",
                        "expand to " + planned.size() + " runs (specs × seeds); at most " + MAX_RUNS + " are allowed"));
            }
        }
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, "the experiment is not valid", problems);
        }
        return planned;
    }

    private static void planSpec(
            String path,
            ExperimentSubmission.RunSpec spec,
            List<PlannedRun> planned,
            List<ApiProblem.Violation> problems) {
        if (spec == null) {
            problems.add(new ApiProblem.Violation(path, "must not be null"));
            return;
        }
        Optional<RunConfig> base = baseConfig(path, spec, problems);
        if (base.isEmpty()) {
            return;
        }
        List<Long> seeds = spec.seeds() == null || spec.seeds().isEmpty()
                ? List.of(base.get().seed())
                : spec.seeds();
        if (seeds.size() > MAX_SEEDS) {
            problems.add(new ApiProblem.Violation(path + ".seeds", "must list at most " + MAX_SEEDS + " seeds"));
            return;
        }
        for (int k = 0; k < seeds.size(); k++) {
            Long seed = seeds.get(k);
            if (seed == null || seed < 0 || seed > Integer.MAX_VALUE) {
                problems.add(new ApiProblem.Violation(path + ".seeds[" + k + "]", "must be between 0 and 2147483647"));
                continue;
            }
            planned.add(new PlannedRun(
                    spec.preset(), base.get().toBuilder().seed(seed).build()));
        }
    }

    private static Optional<RunConfig> baseConfig(
            String path, ExperimentSubmission.RunSpec spec, List<ApiProblem.Violation> problems) {
        boolean hasPreset = spec.preset() != null;
        if (hasPreset == (spec.config() != null)) {
            problems.add(new ApiProblem.Violation(path, "give either a preset (with optional overrides) or a config"));
            return Optional.empty();
        }
        if (!hasPreset && spec.overrides() != null && !spec.overrides().isEmpty()) {
            problems.add(new ApiProblem.Violation(path + ".overrides", "apply only to a preset"));
            return Optional.empty();
        }
        RunConfig config;
        String configPath = hasPreset ? path + ".overrides" : path + ".config";
        if (hasPreset) {
            Optional<Preset> preset = Presets.find(spec.preset());
            if (preset.isEmpty()) {
                problems.add(new ApiProblem.Violation(
                        path + ".preset",
                        "unknown preset '" + spec.preset() + "'; known: "
                                + String.join(
                                        ", ",
                                        Presets.all().stream().map(Preset::id).toList())));
                return Optional.empty();
            }
            try {
                config = ConfigOverrides.apply(preset.get().config(), spec.overrides());
            } catch (InvalidConfigException e) {
                e.violations().forEach(v -> problems.add(violation(configPath, v)));
                return Optional.empty();
            }
        } else {
            config = spec.config();
        }
        List<ConfigViolation> violations = ConfigValidator.validate(config);
        violations.forEach(v -> problems.add(violation(configPath, v)));
        return violations.isEmpty() ? Optional.of(config) : Optional.empty();
    }

    private static ApiProblem.Violation violation(String prefix, ConfigViolation v) {
        return new ApiProblem.Violation(prefix + "." + v.field(), v.message());
    }
}
