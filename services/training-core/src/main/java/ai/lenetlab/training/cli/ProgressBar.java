package ai.lenetlab.training.cli;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.training.train.BatchProgress;
import ai.lenetlab.training.train.TrainingListener;
import java.io.PrintStream;

/**
 * The terminal view of a run: a progress bar per epoch redrawn in place (at most every 100 ms),
 * then one line per finished epoch.
 */
final class ProgressBar implements TrainingListener {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private long lastDraw;

    ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void onStart(String device, long parameters, java.util.List<ai.lenetlab.contracts.LayerInfo> layers) {
        out.printf("training on %s, %,d parameters%n", device, parameters);
    }

    @Override
    public void onBatch(BatchProgress p) {
        long now = System.nanoTime();
        if (!interactive || (now - lastDraw < 100_000_000L && p.batch() < p.batches())) {
            return;
        }
        lastDraw = now;
        int filled = WIDTH * p.batch() / p.batches();
        out.printf(
                "\repoch %d/%d [%s%s] %d/%d loss %.4f acc %.3f",
                p.epoch(),
                p.epochs(),
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                p.batch(),
                p.batches(),
                p.runningLoss(),
                p.runningAccuracy());
        out.flush();
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        if (interactive) {
            out.print("\r\033[K");
        }
        out.println(line(m));
    }

    static String line(EpochMetrics m) {
        return String.format(
                "epoch %2d  train loss %.4f acc %.4f  test loss %.4f acc %.4f  lr %.3g  %.1fs  %,.0f ex/s",
                m.epoch(),
                m.trainLoss(),
                m.trainAccuracy(),
                m.testLoss(),
                m.testAccuracy(),
                m.learningRate(),
                m.seconds(),
                m.examplesPerSecond());
    }
}
