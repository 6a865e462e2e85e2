package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.ConfigFields;
import ai.lenetlab.contracts.EpochMetric;
import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.CompareView.ComparedRun;
import ai.lenetlab.contracts.api.CompareView.ConfigField;
import ai.lenetlab.contracts.api.CompareView.Contrast;
import ai.lenetlab.contracts.api.CompareView.GroupEpoch;
import ai.lenetlab.contracts.api.CompareView.SeedGroup;
import ai.lenetlab.contracts.api.CompareView.Stat;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.experiments.domain.EpochMetricRow;
import ai.lenetlab.experiments.domain.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/** Builds the comparison of a set of runs: config differences, aligned curves, seed groups. */
@ApplicationScoped
public class CompareService {

    public static final int MAX_RUNS = 50;

    @Transactional
    public CompareView compare(List<UUID> ids) {
        if (ids.isEmpty() || ids.size() > MAX_RUNS) {
            throw new Refusal(Refusal.Kind.INVALID, "name 1–" + MAX_RUNS + " runs: ?runs=id1,id2,…");
        }
        List<Run> runs = new ArrayList<>();
        Map<UUID, List<EpochMetrics>> epochs = new LinkedHashMap<>();
        for (UUID id : ids.stream().distinct().toList()) {
            Run run = RunService.find(id);
            runs.add(run);
            epochs.put(id, EpochMetricRow.of(run.id, run.attempt));
        }
        List<ConfigField> config = configFields(runs);
        List<String> differing = config.stream()
                .filter(ConfigField::differs)
                .map(ConfigField::name)
                .filter(name -> !name.equals("seed"))
                .toList();
        int longest = epochs.values().stream().mapToInt(List::size).max().orElse(0);
        List<Integer> epochNumbers =
                java.util.stream.IntStream.rangeClosed(1, longest).boxed().toList();

        Map<String, Map<UUID, List<Double>>> series = new LinkedHashMap<>();
        for (EpochMetric metric : EpochMetric.values()) {
            Map<UUID, List<Double>> perRun = new LinkedHashMap<>();
            epochs.forEach((id, list) -> perRun.put(id, aligned(list, longest, metric::of)));
            series.put(metric.key(), perRun);
        }
        List<ComparedRun> compared = runs.stream()
                .map(r -> new ComparedRun(
                        r.id,
                        label(r),
                        r.experiment.name,
                        r.preset,
                        r.seed,
                        r.status,
                        last(epochs.get(r.id)),
                        RunDetails.best(epochs.get(r.id))))
                .toList();
        List<SeedGroup> groups = seedGroups(runs, epochs, longest);
        return new CompareView(compared, config, differing, epochNumbers, series, groups, contrasts(groups, epochs));
    }

    private List<ConfigField> configFields(List<Run> runs) {
        List<Map<String, Object>> maps =
                runs.stream().map(r -> ConfigFields.of(r.config)).toList();
        List<ConfigField> fields = new ArrayList<>();
        for (String name : maps.get(0).keySet()) {
            List<Object> values = maps.stream().map(m -> m.get(name)).toList();
            fields.add(new ConfigField(name, values, values.stream().distinct().count() > 1));
        }
        return fields;
    }

    /** Runs whose configs are equal apart from the seed, when a group has two or more. */
    private List<SeedGroup> seedGroups(List<Run> runs, Map<UUID, List<EpochMetrics>> epochs, int longest) {
        Map<RunConfig, List<Run>> byConfig = new LinkedHashMap<>();
        for (Run run : runs) {
            byConfig.computeIfAbsent(run.config.toBuilder().seed(0).build(), k -> new ArrayList<>())
                    .add(run);
        }
        List<SeedGroup> groups = new ArrayList<>();
        for (List<Run> members : byConfig.values()) {
            if (members.size() < 2) {
                continue;
            }
            List<List<EpochMetrics>> curves =
                    members.stream().map(r -> epochs.get(r.id)).toList();
            List<GroupEpoch> perEpoch = new ArrayList<>();
            for (int e = 1; e <= longest; e++) {
                int epoch = e;
                List<EpochMetrics> at = curves.stream()
                        .filter(c -> c.size() >= epoch)
                        .map(c -> c.get(epoch - 1))
                        .toList();
                if (!at.isEmpty()) {
                    perEpoch.add(new GroupEpoch(
                            epoch,
                            stat(at, EpochMetrics::trainLoss),
                            stat(at, EpochMetrics::testLoss),
                            stat(at, EpochMetrics::trainAccuracy),
                            stat(at, EpochMetrics::testAccuracy)));
                }
            }
            List<EpochMetrics> finals = curves.stream()
                    .map(CompareService::last)
                    .filter(Objects::nonNull)
                    .toList();
            List<EpochMetrics> bests = curves.stream()
                    .map(RunDetails::best)
                    .filter(Objects::nonNull)
                    .toList();
            groups.add(new SeedGroup(
                    configName(members.get(0)) + " × " + members.size() + " seeds",
                    members.stream().map(r -> r.id).toList(),
                    members.stream().map(r -> r.seed).toList(),
                    perEpoch,
                    stat(finals, EpochMetrics::testAccuracy),
                    stat(bests, EpochMetrics::testAccuracy)));
        }
        return groups;
    }

    static Stat stat(List<EpochMetrics> values, ToDoubleFunction<EpochMetrics> metric) {
        return Significance.stat(values.stream().mapToDouble(metric).toArray());
    }

    /** What the seed groups are compared on: each run's last epoch, or its best (by test accuracy). */
    private enum Outcome {
        FINAL_TEST_ACCURACY("finalTestAccuracy", true, EpochMetrics::testAccuracy),
        BEST_TEST_ACCURACY("bestTestAccuracy", false, EpochMetrics::testAccuracy),
        FINAL_TEST_LOSS("finalTestLoss", true, EpochMetrics::testLoss),
        BEST_TEST_LOSS("bestTestLoss", false, EpochMetrics::testLoss);

        final String name;
        final boolean last;
        final ToDoubleFunction<EpochMetrics> metric;

        Outcome(String name, boolean last, ToDoubleFunction<EpochMetrics> metric) {
            this.name = name;
            this.last = last;
            this.metric = metric;
        }

        double[] of(SeedGroup group, Map<UUID, List<EpochMetrics>> epochs) {
            return group.runIds().stream()
                    .map(epochs::get)
                    .map(curve -> last ? CompareService.last(curve) : RunDetails.best(curve))
                    .filter(Objects::nonNull)
                    .mapToDouble(metric)
                    .toArray();
        }
    }

    /** Every pair of seed groups, on every outcome: which differences are more than seed noise. */
    private static List<Contrast> contrasts(List<SeedGroup> groups, Map<UUID, List<EpochMetrics>> epochs) {
        List<Contrast> contrasts = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                for (Outcome outcome : Outcome.values()) {
                    contrasts.add(Significance.contrast(
                            groups.get(i).label(),
                            groups.get(j).label(),
                            outcome.name,
                            outcome.of(groups.get(i), epochs),
                            outcome.of(groups.get(j), epochs)));
                }
            }
        }
        return contrasts;
    }

    private static List<Double> aligned(List<EpochMetrics> epochs, int length, ToDoubleFunction<EpochMetrics> metric) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            values.add(i < epochs.size() ? metric.applyAsDouble(epochs.get(i)) : null);
        }
        return values;
    }

    private static EpochMetrics last(List<EpochMetrics> epochs) {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** A config by its preset and what it changes there, seed aside: "model-2 (epochs 2, batchSize 128)". */
    static String configName(Run run) {
        Map<String, Object> preset =
                Presets.find(run.preset).map(p -> ConfigFields.of(p.config())).orElse(null);
        if (preset == null) {
            return "custom config";
        }
        List<String> changes = ConfigFields.of(run.config).entrySet().stream()
                .filter(f -> !f.getKey().equals("seed") && !Objects.equals(preset.get(f.getKey()), f.getValue()))
                .map(f -> f.getKey() + " " + f.getValue())
                .toList();
        return run.preset + (changes.isEmpty() ? "" : " (" + String.join(", ", changes) + ")");
    }

    private static String label(Run run) {
        return (run.preset != null ? run.preset : "custom") + " #" + run.ordinal + " (seed " + run.seed + ")";
    }
}
