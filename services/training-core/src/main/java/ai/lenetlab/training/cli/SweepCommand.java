package ai.lenetlab.training.cli;

import ai.lenetlab.contracts.EpochMetric;
import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.StrictJson;
import ai.lenetlab.dataset.FashionMnist;
import ai.lenetlab.sweeps.Pruner;
import ai.lenetlab.sweeps.PruningSimulator;
import ai.lenetlab.sweeps.Sampler;
import ai.lenetlab.sweeps.SeedRace;
import ai.lenetlab.sweeps.SweepPlan;
import ai.lenetlab.sweeps.SweepSpec;
import ai.lenetlab.sweeps.SweepSpecCheck;
import ai.lenetlab.sweeps.TrialTable;
import ai.lenetlab.training.train.TrainingCancelledException;
import ai.lenetlab.training.train.TrainingListener;
import ai.lenetlab.training.train.TrainingRun;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lenetlab sweep --file sweep.json}: the sweep a spec describes, as the service runs it, in this
 * process — the same checks, samplers, early stopping and seed racing. The seeds of a trial train one
 * after another here, so a trial is judged at each epoch by the mean of its seeds so far, and raced
 * at a rung when its last seed gets there (its others are done).
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Search a config space as a sweep spec says (the JSON of POST /api/sweeps), in this process.",
            "Prints each trial as it ends and the best; with --out, writes sweep.json there."
        })
final class SweepCommand implements Callable<Integer> {

    private static final ObjectMapper JSON =
            StrictJson.configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--file", paramLabel = "FILE", description = "The sweep spec (JSON).")
    Path file;

    @Option(
            names = "--simulate",
            paramLabel = "N",
            description = "Instead of a sweep: replay N synthetic sweeps per rule and noise level (no"
                    + " training) and print how often each stopping rule stops or finds the true best.")
    Integer simulate;

    @Option(names = "--out", paramLabel = "DIR", description = "Where sweep.json (every trial and its epochs) goes.")
    Path out;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec commandSpec;

    private picocli.CommandLine commandLine() {
        return commandSpec.commandLine();
    }

    /**
     * A trial as it ended: values, each seed's objective by epoch, stopped early or not and why, and
     * with seed racing why it got no more seeds.
     */
    record TrialResult(
            int index,
            Map<String, Object> values,
            List<List<Double>> seeds,
            Integer prunedAtEpoch,
            String stopReason,
            String seedStopReason) {
        double objective() {
            int most = seeds.stream().mapToInt(List::size).max().orElse(0);
            return seeds.stream()
                    .filter(s -> !s.isEmpty() && s.size() == most)
                    .mapToDouble(s -> s.get(s.size() - 1))
                    .average()
                    .orElse(Double.NaN);
        }

        TrialResult seedsStopped(String reason) {
            return new TrialResult(index, values, seeds, prunedAtEpoch, stopReason, reason);
        }
    }

    /** A sweep as it trains in this process: its plan and rules, the trials done, runs and epochs so far. */
    private final class Sweep {
        final SweepPlan plan;
        final FashionMnist dataset;
        final EpochMetric metric;
        final Pruner pruner;
        final SeedRace race;
        final List<TrialResult> done = new ArrayList<>();
        /** Seed racing: each done trial's verdict when its seeds were done (a STOP is final). */
        final Map<Integer, SeedRace.Verdict> verdicts = new java.util.HashMap<>();

        int runs;
        long epochs;

        Sweep(SweepPlan plan, FashionMnist dataset) {
            this.plan = plan;
            this.dataset = dataset;
            this.metric = Arrays.stream(EpochMetric.values())
                    .filter(m -> m.key().equals(plan.metric()))
                    .findFirst()
                    .orElseThrow();
            this.pruner = Pruner.of(plan);
            this.race = plan.adaptiveSeeds() == null ? null : SeedRace.of(plan);
        }

        boolean budgetAllows(int seeds, int epochsEach) {
            return runs + seeds <= plan.maxRuns() && epochs + (long) seeds * epochsEach <= plan.maxEpochs();
        }

        /**
         * A trial's seeds one after another, each judged after every epoch on the mean of its seeds so
         * far; a seed race judges it at its rungs while its last seed trains (its earlier ones are
         * done: all its seeds are there), and may give it another seed.
         */
        TrialResult trial(int index, Map<String, Object> values) {
            int lastEpoch = plan.config(values, 1).epochs();
            List<List<Double>> seeds = new ArrayList<>();
            int[] wanted = {plan.seedsPerTrial()};
            int[] raced = {0};
            Pruner.Stop[] stop = {null};
            String[] stoppedBy = {plan.rule().id()};
            String[] seedsStopped = {null};
            for (int seed = 1; seed <= wanted[0] && stop[0] == null; seed++) {
                if (seed > plan.seedsPerTrial() && !budgetAllows(1, lastEpoch)) {
                    seedsStopped[0] = NO_BUDGET;
                    break;
                }
                List<Double> curve = new ArrayList<>();
                seeds.add(curve);
                TrialResult current = new TrialResult(index, values, seeds, null, null, null);
                train(plan.config(values, seed), curve, epoch -> {
                    Optional<String> pruned = pruner.judge(
                            String.valueOf(index), epoch, table(current).scores());
                    if (pruned.isPresent()) {
                        stop[0] = new Pruner.Stop(epoch, pruned.get());
                        return true;
                    }
                    if (race == null || seeds.size() < wanted[0]) {
                        return false; // not all its seeds are there
                    }
                    Optional<SeedRace.AtRung> atRung =
                            race.atRungs(String.valueOf(index), raced[0], epoch, lastEpoch, table(current));
                    atRung.ifPresent(a -> raced[0] = a.epoch());
                    SeedRace.Decision decision =
                            atRung.map(SeedRace.AtRung::decision).orElse(null);
                    if (decision != null && decision.verdict() == SeedRace.Verdict.STOP) {
                        stop[0] = new Pruner.Stop(epoch, decision.reason());
                        stoppedBy[0] = "seed race";
                        seedsStopped[0] = decision.reason();
                        return true;
                    }
                    if (decision != null && decision.verdict() == SeedRace.Verdict.MORE_SEEDS) {
                        wanted[0]++;
                    }
                    return false;
                });
            }
            return new TrialResult(
                    index,
                    values,
                    seeds,
                    stop[0] == null ? null : stop[0].epoch(),
                    stop[0] == null ? null : stop[0].words(stoppedBy[0]),
                    seedsStopped[0]);
        }

        /**
         * Seed racing when a trial's seeds are done: the done trials are raced on their values at its
         * last epoch (their results); one still tied with the leader (the leader of such a race too)
         * gets another seed, trained now, and the race is run again with it; the others get none,
         * with the race's reason.
         */
        void raceAtTheEnd() {
            boolean again = true;
            while (again) {
                again = false;
                List<TrialResult> racing = done.stream()
                        .filter(t -> t.prunedAtEpoch() == null && verdicts.get(t.index()) != SeedRace.Verdict.STOP)
                        .toList();
                TrialTable table = new TrialTable(
                        plan,
                        done.stream()
                                .filter(t -> t.prunedAtEpoch() == null)
                                .map(t -> new TrialTable.Trial(t.index(), t.values(), t.seeds(), true))
                                .toList());
                // decided at once, as the service decides them, before any new seed trains
                Map<Integer, SeedRace.Decision> decisions = new java.util.LinkedHashMap<>();
                for (TrialResult trial : racing) {
                    int lastEpoch = plan.config(trial.values(), 1).epochs();
                    SeedRace.Decision decision =
                            race.atTheEnd(lastEpoch, table.atEpoch(lastEpoch)).get(String.valueOf(trial.index()));
                    if (decision != null) {
                        decisions.put(trial.index(), decision);
                    }
                }
                for (TrialResult trial : racing) {
                    SeedRace.Decision decision = decisions.get(trial.index());
                    if (decision == null) {
                        continue;
                    }
                    int lastEpoch = plan.config(trial.values(), 1).epochs();
                    verdicts.put(trial.index(), decision.verdict());
                    if (decision.verdict() != SeedRace.Verdict.MORE_SEEDS) {
                        replace(trial.seedsStopped(decision.reason()));
                    } else if (!budgetAllows(1, lastEpoch)) {
                        verdicts.put(trial.index(), SeedRace.Verdict.GO_ON);
                        replace(trial.seedsStopped(NO_BUDGET));
                    } else {
                        List<Double> curve = new ArrayList<>();
                        trial.seeds().add(curve);
                        train(plan.config(trial.values(), trial.seeds().size()), curve, epoch -> false);
                        replace(trial.seedsStopped(null));
                        System.out.printf(
                                Locale.ROOT,
                                "trial %d: seed %d (tied with the leader), %s %.4f%n",
                                trial.index(),
                                trial.seeds().size(),
                                plan.metric(),
                                curve.getLast());
                        again = true;
                    }
                }
            }
        }

        private void replace(TrialResult trial) {
            done.replaceAll(t -> t.index() == trial.index() ? trial : t);
        }

        /** Trains one seed into {@code curve}; stops after an epoch where {@code stopAfter} says so. */
        private void train(RunConfig config, List<Double> curve, java.util.function.IntPredicate stopAfter) {
            AtomicBoolean stop = new AtomicBoolean();
            TrainingListener judge = new TrainingListener() {
                @Override
                public void onEpoch(EpochMetrics m) {
                    curve.add(metric.of(m));
                    if (m.epoch() < config.epochs() && stopAfter.test(m.epoch())) {
                        stop.set(true);
                    }
                }
            };
            runs++;
            try {
                new TrainingRun(config, dataset)
                        .listener(judge)
                        .cancelWhen(stop::get)
                        .predictionSamples(0)
                        .run();
            } catch (TrainingCancelledException e) {
                // stopped early: the curve holds the epochs it trained
            }
            epochs += curve.size();
        }

        /** The trials so far as the sampler and pruner see them, with the one training now if any. */
        TrialTable table(TrialResult current) {
            List<TrialTable.Trial> trials = new ArrayList<>();
            done.forEach(t -> trials.add(new TrialTable.Trial(t.index(), t.values(), t.seeds(), true)));
            if (current != null) {
                trials.add(new TrialTable.Trial(current.index(), current.values(), current.seeds(), false));
            }
            return new TrialTable(plan, trials);
        }
    }

    private static final String NO_BUDGET = "the sweep's budget allows no more runs";

    @Override
    public Integer call() throws IOException {
        if (simulate != null) {
            if (simulate < 1) {
                throw new ParameterException(commandLine(), "--simulate must be at least 1");
            }
            System.out.print(PruningSimulator.table(simulate, 22));
            return 0;
        }
        if (file == null) {
            throw new ParameterException(commandLine(), "Missing required option: '--file=FILE' (or --simulate N)");
        }
        SweepSpec spec = JSON.readValue(file.toFile(), SweepSpec.class);
        SweepPlan plan = SweepSpecCheck.plan(spec);
        Sweep sweep = new Sweep(plan, data.load());
        Sampler sampler = Sampler.of(plan);
        System.out.printf(
                Locale.ROOT,
                "sweep %s: %s, %d trials × %s seeds, %s %s, early stopping %s%n",
                plan.name(),
                plan.method().id(),
                plan.trials(),
                plan.adaptiveSeeds() == null
                        ? String.valueOf(plan.seedsPerTrial())
                        : plan.adaptiveSeeds().min() + "–"
                                + plan.adaptiveSeeds().max() + " (seed racing)",
                plan.goal().id(),
                plan.metric(),
                plan.rule().id());
        for (int index = 0; index < plan.trials() && sweep.runs + plan.seedsPerTrial() <= plan.maxRuns(); index++) {
            Map<String, Object> values = sampler.next(index, sweep.table(null).observations());
            if (!sweep.budgetAllows(plan.seedsPerTrial(), plan.config(values, 1).epochs())) {
                break;
            }
            TrialResult result = sweep.trial(index, values);
            sweep.done.add(result);
            System.out.printf(
                    Locale.ROOT,
                    "trial %d %s: %s %.4f over %d seeds%s%n",
                    index,
                    values,
                    plan.metric(),
                    result.objective(),
                    result.seeds().size(),
                    result.stopReason() == null ? "" : " (" + result.stopReason() + ")");
            if (sweep.race != null && result.prunedAtEpoch() == null) {
                sweep.raceAtTheEnd();
            }
        }
        List<TrialResult> done = sweep.done;
        TrialResult best = done.stream()
                .filter(t -> !Double.isNaN(t.objective()))
                .max((a, b) -> Double.compare(plan.score(a.objective()), plan.score(b.objective())))
                .orElseThrow();
        if (sweep.race != null) {
            done.stream()
                    .filter(t -> t.seedStopReason() != null)
                    .forEach(t -> System.out.printf(
                            Locale.ROOT,
                            "trial %d: %d seeds, %s%n",
                            t.index(),
                            t.seeds().size(),
                            t.seedStopReason()));
        }
        System.out.printf(
                Locale.ROOT,
                "best: trial %d %s, %s %.4f; %d runs, %d epochs trained%n",
                best.index(),
                best.values(),
                plan.metric(),
                best.objective(),
                sweep.runs,
                sweep.epochs);
        if (out != null) {
            Files.createDirectories(out);
            JSON.writeValue(
                    out.resolve("sweep.json").toFile(), Map.of("spec", spec, "trials", done, "best", best.index()));
            System.out.println("wrote " + out.toAbsolutePath().resolve("sweep.json"));
        }
        return 0;
    }
}
