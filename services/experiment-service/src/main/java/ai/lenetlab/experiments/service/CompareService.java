package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.ConfigFields;
import ai.lenetlab.contracts.EpochMetric;
import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.CompareView.ComparedRun;
import ai.lenetlab.contracts.api.CompareView.ConfigField;
import ai.lenetlab.contracts.api.CompareView.ConfigSummary;
import ai.lenetlab.contracts.api.CompareView.Contrast;
import ai.lenetlab.contracts.api.CompareView.GroupEpoch;
import ai.lenetlab.contracts.api.CompareView.SeedGroup;
import ai.lenetlab.contracts.api.CompareView.Stat;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.experiments.domain.EpochMetricRow;
import ai.lenetlab.experiments.domain.Experiment;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.Sweep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hibernate.jpa.HibernateHints;

/**
 * Builds the comparison of a set of runs: config differences, aligned curves, seed groups and their
 * contrasts. Two queries whatever the number of runs: the runs, then all their epochs.
 */
@ApplicationScoped
public class CompareService {

    /** Enough for a few experiments or a sweep; the answer stays well under a second (BENCHMARKS.md). */
    public static final int MAX_RUNS = 1000;

    /**
     * Up to this many seed groups, every pair is contrasted; beyond, each group against the leader
     * (the best mean final test accuracy) unless a baseline is named: pairs grow as the square.
     */
    public static final int MAX_GROUPS_FOR_ALL_PAIRS = 12;

    /** What to compare: the runs named, every run of the experiments named, or of the sweeps (one of them). */
    public record Selection(List<UUID> runs, List<UUID> experiments, List<UUID> sweeps) {}

    /** The comparison, with contrasts between the seed groups (each against {@code baseline}, if named). */
    @Transactional
    public CompareView compare(Selection selection, String baseline) {
        return compare(load(selection), baseline, true);
    }

    /** The comparison without contrasts: what the exports write. */
    @Transactional
    public CompareView forExport(Selection selection) {
        return compare(load(selection), null, false);
    }

    private static List<Run> load(Selection selection) {
        if (!selection.sweeps().isEmpty()) {
            return runsOf(selection.sweeps().stream()
                    .map(id -> Sweep.<Sweep>findByIdOptional(id)
                            .orElseThrow(() -> Refusal.notFound("sweep", id))
                            .experiment
                            .id)
                    .toList());
        }
        return selection.experiments().isEmpty() ? runs(selection.runs()) : runsOf(selection.experiments());
    }

    /** The runs named, in the order named. */
    private static List<Run> runs(List<UUID> ids) {
        List<UUID> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty() || distinct.size() > MAX_RUNS) {
            throw new Refusal(Refusal.Kind.INVALID, "name 1–" + MAX_RUNS + " runs: ?runs=id1,id2,…");
        }
        Map<UUID, Run> found = new HashMap<>();
        Run.<Run>find("from Run r join fetch r.experiment where r.id in ?1", distinct)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .stream()
                .forEach(run -> found.put(run.id, run));
        List<Run> runs = new ArrayList<>();
        for (UUID id : distinct) {
            Run run = found.get(id);
            if (run == null) {
                throw Refusal.notFound("run", id);
            }
            runs.add(run);
        }
        return runs;
    }

    /** Every run of the experiments named, experiment by experiment in submission order. */
    private static List<Run> runsOf(List<UUID> experimentIds) {
        List<UUID> distinct = experimentIds.stream().distinct().toList();
        for (UUID id : distinct) {
            if (Experiment.findById(id) == null) {
                throw Refusal.notFound("experiment", id);
            }
        }
        List<Run> runs = new ArrayList<>(Run.<Run>find(
                        "from Run r join fetch r.experiment where r.experiment.id in ?1 order by r.ordinal", distinct)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .list());
        runs.sort(Comparator.comparing((Run r) -> distinct.indexOf(r.experiment.id)));
        if (runs.isEmpty() || runs.size() > MAX_RUNS) {
            throw new Refusal(
                    Refusal.Kind.INVALID,
                    "these experiments hold " + runs.size() + " runs; a comparison takes 1–" + MAX_RUNS);
        }
        return runs;
    }

    private CompareView compare(List<Run> runs, String baseline, boolean withContrasts) {
        Map<UUID, List<EpochMetrics>> epochs = EpochMetricRow.curvesOf(runs);
        List<ConfigField> config = configFields(runs);
        List<String> differing = config.stream()
                .filter(ConfigField::differs)
                .map(ConfigField::name)
                .filter(name -> !name.equals("seed"))
                .toList();
        config.addAll(EnvironmentRows.of(runs)); // shown beside the config; not what groups runs
        int longest = epochs.values().stream().mapToInt(List::size).max().orElse(0);
        List<Integer> epochNumbers = IntStream.rangeClosed(1, longest).boxed().toList();

        Map<String, Map<UUID, List<Double>>> series = new LinkedHashMap<>();
        for (EpochMetric metric : EpochMetric.values()) {
            Map<UUID, List<Double>> perRun = new LinkedHashMap<>();
            epochs.forEach((id, list) -> perRun.put(id, aligned(list, longest, metric::of)));
            series.put(metric.key(), perRun);
        }
        List<ComparedRun> compared = runs.stream()
                .map(r -> new ComparedRun(
                        r.id,
                        RunViews.label(r),
                        r.experiment.name,
                        r.preset,
                        r.seed,
                        r.status,
                        last(epochs.get(r.id)),
                        RunDetails.best(epochs.get(r.id))))
                .toList();
        Collection<List<Run>> byConfig = byConfig(runs);
        List<List<Run>> members = byConfig.stream()
                .filter(runsOfConfig -> distinctSeeds(runsOfConfig) >= 2)
                .toList();
        List<SeedGroup> groups = members.stream()
                .map(runsOfConfig -> seedGroup(runsOfConfig, epochs, longest))
                .toList();
        return new CompareView(
                compared,
                config,
                differing,
                epochNumbers,
                series,
                groups,
                withContrasts
                        ? Significance.holm(contrasts(groups, members, baselineIndex(groups, baseline), epochs))
                        : List.of(),
                summaries(byConfig, epochs));
    }

    /**
     * The group every other is contrasted with: named by its label or by one of its runs' ids; when
     * none is named, -1 (every pair) or, for many groups, the leader.
     */
    private static int baselineIndex(List<SeedGroup> groups, String baseline) {
        if (baseline == null || baseline.isBlank()) {
            return groups.size() > MAX_GROUPS_FOR_ALL_PAIRS ? leader(groups) : -1;
        }
        for (int i = 0; i < groups.size(); i++) {
            SeedGroup group = groups.get(i);
            if (group.label().equals(baseline)
                    || group.runIds().stream().anyMatch(id -> id.toString().equalsIgnoreCase(baseline.trim()))) {
                return i;
            }
        }
        throw new Refusal(
                Refusal.Kind.INVALID,
                "baseline: no seed group (two or more runs of one config) is labelled " + baseline
                        + " or holds a run with that id");
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

    /** The runs by config, seed apart, in the order their configs first appear. */
    private static Collection<List<Run>> byConfig(List<Run> runs) {
        Map<RunConfig, List<Run>> byConfig = new LinkedHashMap<>();
        for (Run run : runs) {
            byConfig.computeIfAbsent(run.config.toBuilder().seed(0).build(), k -> new ArrayList<>())
                    .add(run);
        }
        return byConfig.values();
    }

    /** Every config, single runs included, on the four outcomes (completed runs, a value per seed). */
    private static List<ConfigSummary> summaries(Collection<List<Run>> byConfig, Map<UUID, List<EpochMetrics>> epochs) {
        return byConfig.stream()
                .map(members -> {
                    List<UUID> ids = members.stream().map(r -> r.id).toList();
                    return new ConfigSummary(
                            configName(members.get(0)),
                            ids,
                            members.stream().map(r -> r.seed).toList(),
                            Significance.stat(Outcome.FINAL_TEST_ACCURACY.perSeed(members, epochs)),
                            Significance.stat(Outcome.BEST_TEST_ACCURACY.perSeed(members, epochs)),
                            Significance.stat(Outcome.FINAL_TEST_LOSS.perSeed(members, epochs)),
                            Significance.stat(Outcome.BEST_TEST_LOSS.perSeed(members, epochs)));
                })
                .toList();
    }

    private static long distinctSeeds(List<Run> members) {
        return members.stream().map(r -> r.seed).distinct().count();
    }

    /**
     * The runs of one config: curves over all of them, final statistics over the completed ones with a
     * value per distinct seed.
     */
    private static SeedGroup seedGroup(List<Run> members, Map<UUID, List<EpochMetrics>> epochs, int longest) {
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
        Map<Long, Long> runsPerSeed =
                members.stream().collect(Collectors.groupingBy(r -> r.seed, LinkedHashMap::new, Collectors.counting()));
        return new SeedGroup(
                configName(members.get(0)) + " × " + runsPerSeed.size() + " seeds",
                members.stream().map(r -> r.id).toList(),
                members.stream().map(r -> r.seed).toList(),
                perEpoch,
                Significance.stat(Outcome.FINAL_TEST_ACCURACY.perSeed(members, epochs)),
                Significance.stat(Outcome.BEST_TEST_ACCURACY.perSeed(members, epochs)),
                runsPerSeed.entrySet().stream()
                        .filter(e -> e.getValue() > 1)
                        .map(Map.Entry::getKey)
                        .toList(),
                members.stream()
                        .filter(r -> r.status != RunStatus.COMPLETED)
                        .map(r -> r.id)
                        .toList());
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

        /**
         * A value per distinct seed of the completed runs: the outcome, averaged over runs that repeat
         * the seed (they measure the same thing twice, not two independent seeds).
         */
        double[] perSeed(List<Run> members, Map<UUID, List<EpochMetrics>> epochs) {
            Map<Long, List<Double>> bySeed = new LinkedHashMap<>();
            for (Run run : members) {
                List<EpochMetrics> curve = epochs.get(run.id);
                EpochMetrics at = run.status != RunStatus.COMPLETED || curve == null
                        ? null
                        : last ? CompareService.last(curve) : RunDetails.best(curve);
                if (at != null) {
                    bySeed.computeIfAbsent(run.seed, s -> new ArrayList<>()).add(metric.applyAsDouble(at));
                }
            }
            return bySeed.values().stream()
                    .mapToDouble(values -> values.stream()
                            .mapToDouble(Double::doubleValue)
                            .average()
                            .orElseThrow())
                    .toArray();
        }
    }

    /** The group with the best mean final test accuracy. */
    private static int leader(List<SeedGroup> groups) {
        int best = 0;
        for (int i = 1; i < groups.size(); i++) {
            if (mean(groups.get(i).finalTestAccuracy()) > mean(groups.get(best).finalTestAccuracy())) {
                best = i;
            }
        }
        return best;
    }

    private static double mean(Stat stat) {
        return stat == null ? Double.NEGATIVE_INFINITY : stat.mean();
    }

    /**
     * Every pair of seed groups on every outcome — or each group against the baseline, when there is
     * one: which differences are more than seed noise.
     */
    private static List<Contrast> contrasts(
            List<SeedGroup> groups, List<List<Run>> members, int baseline, Map<UUID, List<EpochMetrics>> epochs) {
        List<Contrast> contrasts = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            if (baseline >= 0) {
                if (i != baseline) { // the difference reads "group − baseline"
                    contrasts.addAll(contrasts(
                            groups.get(i), members.get(i), groups.get(baseline), members.get(baseline), epochs));
                }
                continue;
            }
            for (int j = i + 1; j < groups.size(); j++) {
                contrasts.addAll(contrasts(groups.get(i), members.get(i), groups.get(j), members.get(j), epochs));
            }
        }
        return contrasts;
    }

    private static List<Contrast> contrasts(
            SeedGroup a, List<Run> runsA, SeedGroup b, List<Run> runsB, Map<UUID, List<EpochMetrics>> epochs) {
        return Arrays.stream(Outcome.values())
                .map(outcome -> Significance.contrast(
                        a.label(),
                        b.label(),
                        outcome.name,
                        outcome.perSeed(runsA, epochs),
                        outcome.perSeed(runsB, epochs)))
                .toList();
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
}
