package ai.lenetlab.training.cli;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.RunReport;
import ai.lenetlab.dataset.FashionMnist;
import ai.lenetlab.training.report.RunOutputs;
import ai.lenetlab.training.train.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the tutorial's and the report's models with their own settings on the full dataset and
 * prints the report's accuracy beside ours. A benchmark: it prints, it does not assert.
 */
@Command(
        name = "reproduce",
        mixinStandardHelpOptions = true,
        description =
                "Train d2l, models 1-4, lenet-modern and lenet-fast on the real data; print the report's table beside ours.")
final class ReproduceCommand implements Callable<Integer> {

    @Mixin
    PresetList presets;

    @Option(
            names = "--seeds",
            paramLabel = "N",
            defaultValue = "1",
            description = "Train each preset with seeds 1..N and report mean ± std (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description =
                    "Train every preset this many epochs instead of its own (a quick look; not the report's setting).")
    Integer epochs;

    @Mixin
    DataOptions data;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Also write each run's files under DIR/<preset>-seed<N>.")
    Path out;

    @Override
    public Integer call() throws Exception {
        FashionMnist dataset = data.load();
        List<String> rows = new ArrayList<>();
        for (String id : presets.ids) {
            Preset preset = Presets.get(id);
            List<Double> finals = new ArrayList<>();
            List<Double> bests = new ArrayList<>();
            double seconds = 0;
            double rate = 0;
            for (int seed = 1; seed <= seeds; seed++) {
                RunConfig.Builder builder = preset.config().toBuilder().seed(seed);
                RunConfig config = (epochs == null ? builder : builder.epochs(epochs)).build();
                System.out.printf("%s, seed %d: %d epochs%n", id, seed, config.epochs());
                RunReport report = new TrainingRun(config, dataset)
                        .listener(new ProgressBar(System.out, System.console() != null))
                        .run();
                if (out != null) {
                    RunOutputs.write(id + " (seed " + seed + ")", report, out.resolve(id + "-seed" + seed));
                }
                finals.add(report.lastEpoch().testAccuracy());
                bests.add(report.bestEpoch().testAccuracy());
                seconds += report.totalSeconds();
                rate += report.epochs().stream()
                        .mapToDouble(EpochMetrics::examplesPerSecond)
                        .average()
                        .orElse(0);
            }
            rows.add(String.format(
                    "%-13s %8s %8d %16s %16s %10.0f %8.0f",
                    id,
                    preset.reportedAccuracy() == null ? "-" : String.format("%.2f", preset.reportedAccuracy()),
                    epochs == null ? preset.config().epochs() : epochs,
                    meanStd(finals),
                    meanStd(bests),
                    rate / seeds,
                    seconds / seeds));
        }
        System.out.printf(
                "%n%-13s %8s %8s %16s %16s %10s %8s%n",
                "model", "report", "epochs", "ours (final)", "ours (best)", "ex/s", "s/run");
        rows.forEach(System.out::println);
        System.out.println("report: the accuracies the original report gives (d2l's tutorial prints about 0.78; "
                + "model 4's figure is not given); ours: test accuracy after the last epoch and the best epoch, "
                + "mean ± std over " + seeds + " seed(s).");
        return 0;
    }

    private static String meanStd(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, values.size() - 1);
        return values.size() == 1 ? String.format("%.4f", mean) : String.format("%.4f ± %.4f", mean, Math.sqrt(var));
    }
}
