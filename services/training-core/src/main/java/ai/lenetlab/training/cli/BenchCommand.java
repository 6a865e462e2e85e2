package ai.lenetlab.training.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.dataset.FashionMnist;
import ai.lenetlab.training.train.BatchProgress;
import ai.lenetlab.training.train.TrainingListener;
import ai.lenetlab.training.train.TrainingRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Throughput and memory per preset on the full dataset. A benchmark: it prints figures and passes
 * no judgement; the README records what this machine gave.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Print train and eval examples/s per preset, the time to the first epoch at 90% test"
                + " accuracy, threads, and resident memory per epoch.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    PresetList presets;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "2",
            description = "Epochs per preset (default ${DEFAULT-VALUE}; 14 shows whether late epochs slow down).")
    int epochs;

    @Mixin
    DataOptions data;

    @Override
    public Integer call() {
        FashionMnist dataset = data.load();
        Engine engine = Engine.getInstance();
        System.out.printf(
                "engine %s %s, intra-op threads %d, inter-op threads %d, %d CPU cores, Java %s%n",
                engine.getEngineName(),
                engine.getVersion(),
                JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        System.out.printf(
                "%-13s %6s %12s %12s %12s %12s %16s %10s%n",
                "preset", "epochs", "train ex/s", "first ep", "last ep", "eval ex/s", "to 90% test acc", "peak RSS");
        for (String id : presets.ids) {
            RunConfig config =
                    Presets.get(id).config().toBuilder().epochs(epochs).build();
            EpochTimer timer = new EpochTimer();
            List<EpochMetrics> results =
                    new TrainingRun(config, dataset).listener(timer).run().epochs();
            double trainRate = results.stream()
                    .mapToDouble(EpochMetrics::examplesPerSecond)
                    .average()
                    .orElse(0);
            System.out.printf(
                    "%-13s %6d %12.0f %12.0f %12.0f %12.0f %16s %7d MiB%n",
                    id,
                    epochs,
                    trainRate,
                    results.get(0).examplesPerSecond(),
                    results.get(results.size() - 1).examplesPerSecond(),
                    dataset.test().size() / timer.meanEvalSeconds(),
                    timer.toTarget(),
                    ProcessMemory.peakResidentMiB());
            System.out.println("              train ex/s per epoch: "
                    + results.stream()
                            .map(e -> String.format("%.0f", e.examplesPerSecond()))
                            .toList());
            System.out.println("              RSS after each epoch (MiB): " + timer.residentAfterEpoch);
        }
        return 0;
    }

    /**
     * Times each test pass (last batch to epoch report) and the run until its first epoch at 90% test
     * accuracy (data already loaded; model set-up, training and every test pass until then), and
     * samples memory per epoch.
     */
    private static final class EpochTimer implements TrainingListener {
        static final double TARGET_ACCURACY = 0.90;
        final List<Long> residentAfterEpoch = new ArrayList<>();
        private final List<Double> evalSeconds = new ArrayList<>();
        private final long created = System.nanoTime();
        private long lastBatchEnd;
        private String toTarget = "not reached";

        @Override
        public void onBatch(BatchProgress progress) {
            if (progress.batch() == progress.batches()) {
                lastBatchEnd = System.nanoTime();
            }
        }

        @Override
        public void onEpoch(EpochMetrics metrics) {
            long now = System.nanoTime();
            evalSeconds.add((now - lastBatchEnd) / 1e9);
            residentAfterEpoch.add(ProcessMemory.residentMiB());
            if (metrics.testAccuracy() >= TARGET_ACCURACY && toTarget.equals("not reached")) {
                toTarget = String.format("%.1f s (ep %d)", (now - created) / 1e9, metrics.epoch());
            }
        }

        String toTarget() {
            return toTarget;
        }

        double meanEvalSeconds() {
            return evalSeconds.stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(Double.NaN);
        }
    }
}
