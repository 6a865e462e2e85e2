package ai.lenetlab.training.cli;

import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.RunReport;
import ai.lenetlab.training.report.RunOutputs;
import ai.lenetlab.training.train.TrainingRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train one model on Fashion-MNIST.",
            "Writes metrics.json, curves.png, predictions.png, confusion.png and model.params to --out."
        })
final class TrainCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    DataOptions data;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the run's files go.")
    Path out;

    @Override
    public Integer call() throws Exception {
        RunConfig config = configOptions.resolve();
        RunReport report = new TrainingRun(config, data.load())
                .listener(new ProgressBar(System.out, System.console() != null))
                .saveModelTo(out.resolve(RunOutputs.MODEL))
                .run();
        RunOutputs.write(configOptions.label(), report, out);
        var best = report.bestEpoch();
        System.out.printf(
                "test accuracy %.4f (best %.4f in epoch %d), %.1f s in all%n",
                report.lastEpoch().testAccuracy(), best.testAccuracy(), best.epoch(), report.totalSeconds());
        System.out.println("wrote " + out.toAbsolutePath() + "/{"
                + String.join(
                        ",",
                        RunOutputs.METRICS,
                        RunOutputs.CURVES,
                        RunOutputs.PREDICTIONS,
                        RunOutputs.CONFUSION,
                        RunOutputs.MODEL)
                + "}");
        return 0;
    }
}
