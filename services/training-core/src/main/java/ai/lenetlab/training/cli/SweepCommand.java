package ai.lenetlab.training.cli;

import ai.lenetlab.contracts.ConfigViolation;
import ai.lenetlab.contracts.EpochMetric;
import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.StrictJson;
import ai.lenetlab.dataset.FashionMnist;
import ai.lenetlab.sweeps.InvalidSweepException;
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
 * process — the same checks, samplers and early stopping. The seeds of a trial train one after
 * another here, so a trial is judged at each epoch by the mean of its seeds so far.
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

    /** A trial as it ended: values, each seed's objective by epoch, stopped early or not. */
    record TrialResult(int index, Map<String, Object> values, List<List<Double>> seeds, Integer prunedAtEpoch) {
        double objective() {
            return seeds.stream()
                    .filter(s -> !s.isEmpty())
                    .mapToDouble(s -> s.get(s.size() - 1))
                    .average()
                    .orElse(Double.NaN);
        }
    }

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
        if (plan.adaptiveSeeds() != null) {
            throw new InvalidSweepException(List.of(new ConfigViolation("seeds.adaptive", SeedRace.NOT_RUN_YET)));
        }
        FashionMnist dataset = data.load();
        Sampler sampler = Sampler.of(plan);
        Pruner pruner = Pruner.of(plan);
        EpochMetric metric = Arrays.stream(EpochMetric.values())
                .filter(m -> m.key().equals(plan.metric()))
                .findFirst()
                .orElseThrow();
        List<TrialResult> done = new ArrayList<>();
        int runs = 0;
        long epochs = 0;
        System.out.printf(
                Locale.ROOT,
                "sweep %s: %s, %d trials × %d seeds, %s %s, early stopping %s%n",
                plan.name(),
                plan.method().id(),
                plan.trials(),
                plan.seedsPerTrial(),
                plan.goal().id(),
                plan.metric(),
                plan.rule().id());
        for (int index = 0; index < plan.trials() && runs + plan.seedsPerTrial() <= plan.maxRuns(); index++) {
            Map<String, Object> values =
                    sampler.next(index, table(plan, done, null).observations());
            RunConfig first = plan.config(values, 1);
            if (epochs + (long) plan.seedsPerTrial() * first.epochs() > plan.maxEpochs()) {
                break;
            }
            List<List<Double>> seeds = new ArrayList<>();
            Integer pruned = null;
            String[] why = {null};
            for (int seed = 1; seed <= plan.seedsPerTrial() && pruned == null; seed++) {
                List<Double> curve = new ArrayList<>();
                seeds.add(curve);
                TrialResult current = new TrialResult(index, values, seeds, null);
                AtomicBoolean stop = new AtomicBoolean();
                int[] stoppedAt = {0};
                TrainingListener judge = new TrainingListener() {
                    @Override
                    public void onEpoch(EpochMetrics m) {
                        curve.add(metric.of(m));
                        if (m.epoch() < first.epochs()) {
                            pruner.judge(
                                            String.valueOf(current.index()),
                                            m.epoch(),
                                            table(plan, done, current).scores())
                                    .ifPresent(reason -> {
                                        stoppedAt[0] = m.epoch();
                                        why[0] = reason;
                                        stop.set(true);
                                    });
                        }
                    }
                };
                runs++;
                try {
                    new TrainingRun(plan.config(values, seed), dataset)
                            .listener(judge)
                            .cancelWhen(stop::get)
                            .predictionSamples(0)
                            .run();
                } catch (TrainingCancelledException e) {
                    pruned = stoppedAt[0];
                }
                epochs += curve.size();
            }
            TrialResult result = new TrialResult(index, values, seeds, pruned);
            done.add(result);
            System.out.printf(
                    Locale.ROOT,
                    "trial %d %s: %s %.4f%s%n",
                    index,
                    values,
                    plan.metric(),
                    result.objective(),
                    pruned == null ? "" : " (stopped early at epoch " + pruned + ": " + why[0] + ")");
        }
        TrialResult best = done.stream()
                .filter(t -> !Double.isNaN(t.objective()))
                .max((a, b) -> Double.compare(plan.score(a.objective()), plan.score(b.objective())))
                .orElseThrow();
        System.out.printf(
                Locale.ROOT,
                "best: trial %d %s, %s %.4f; %d runs, %d epochs trained%n",
                best.index(),
                best.values(),
                plan.metric(),
                best.objective(),
                runs,
                epochs);
        if (out != null) {
            Files.createDirectories(out);
            JSON.writeValue(
                    out.resolve("sweep.json").toFile(), Map.of("spec", spec, "trials", done, "best", best.index()));
            System.out.println("wrote " + out.toAbsolutePath().resolve("sweep.json"));
        }
        return 0;
    }

    /** The trials so far as the sampler and pruner see them, with the one training now if any. */
    private static TrialTable table(SweepPlan plan, List<TrialResult> done, TrialResult current) {
        List<TrialTable.Trial> trials = new ArrayList<>();
        done.forEach(t -> trials.add(new TrialTable.Trial(t.index(), t.values(), t.seeds(), true)));
        if (current != null) {
            trials.add(new TrialTable.Trial(current.index(), current.values(), current.seeds(), false));
        }
        return new TrialTable(plan, trials);
    }
}
