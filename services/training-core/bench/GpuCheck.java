import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.RunReport;
import ai.lenetlab.dataset.FashionMnist;
import ai.lenetlab.dataset.IdxReader;
import ai.lenetlab.dataset.ImageSet;
import ai.lenetlab.training.train.TrainingRun;
import java.nio.file.Path;

/**
 * GPU proof for a machine with a GPU: trains model-2 on a Fashion-MNIST subset on the device named
 * by LENETLAB_DEVICE and prints examples/s per epoch. Reads a subset (head of the real files, no
 * checksums: see gpu-check.sh) so that it travels light.
 *
 * usage: java -cp … GpuCheck.java DATA_DIR EPOCHS
 */
public class GpuCheck {
    public static void main(String[] args) {
        if (args[0].equals("synthetic")) {
            synthetic(Integer.parseInt(args[1]));
            return;
        }
        Path dir = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        FashionMnist data = new FashionMnist(set(dir, "train"), set(dir, "t10k"));
        RunConfig config = Presets.MODEL_2.toBuilder().epochs(epochs).build();
        System.out.printf("device=%s train=%d test=%d%n", System.getenv("LENETLAB_DEVICE"),
                data.train().size(), data.test().size());
        RunReport report = new TrainingRun(config, data).run();
        for (EpochMetrics e : report.epochs()) {
            System.out.printf("%s epoch %d: %.0f ex/s, test accuracy %.4f%n", report.device(), e.epoch(),
                    e.examplesPerSecond(), e.testAccuracy());
        }
    }

    /**
     * model-2's network and optimiser on random batches made on the device itself, for libtorch
     * builds whose from_blob path DJL's JNI cannot use (data never crosses from Java).
     */
    private static void synthetic(int steps) {
        RunConfig config = Presets.MODEL_2;
        ai.djl.Device device = ai.lenetlab.training.train.DeviceSelector.select();
        ai.lenetlab.training.model.LeNet net = ai.lenetlab.training.model.LeNet.of(config);
        try (ai.djl.Model model = ai.djl.Model.newInstance("lenet", device, "PyTorch")) {
            model.setBlock(net.block());
            var tc = new ai.djl.training.DefaultTrainingConfig(new ai.djl.training.loss.SoftmaxCrossEntropyLoss())
                    .optOptimizer(ai.djl.training.optimizer.Optimizer.adam()
                            .optLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.01f))
                            .optWeightDecays(0.001f).build())
                    .optDevices(new ai.djl.Device[] {device});
            try (ai.djl.training.Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(ai.lenetlab.training.model.LeNet.INPUT_SHAPE);
                var m = trainer.getManager();
                var x = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(256, 1, 28, 28));
                var y = m.randomInteger(0, 10, new ai.djl.ndarray.types.Shape(256), ai.djl.ndarray.types.DataType.INT64);
                for (int round = 0; round < 2; round++) {
                    long t0 = System.nanoTime();
                    float loss = 0;
                    for (int i = 0; i < steps; i++) {
                        try (var gc = trainer.newGradientCollector()) {
                            var l = trainer.getLoss().evaluate(new ai.djl.ndarray.NDList(y),
                                    trainer.forward(new ai.djl.ndarray.NDList(x)));
                            gc.backward(l);
                            if (i == steps - 1) {
                                loss = l.getFloat();
                            }
                        }
                        trainer.step();
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("%s synthetic model-2 steps (batch 256), round %d: %.0f ex/s, loss %.4f%n",
                            device, round + 1, steps * 256 / s, loss);
                }
            }
        }
    }

    private static ImageSet set(Path dir, String prefix) {
        byte[] images = IdxReader.parseImages(prefix, IdxReader.readDecompressed(dir.resolve(prefix + "-images-idx3-ubyte.gz")), -1);
        byte[] labels = IdxReader.parseLabels(prefix, IdxReader.readDecompressed(dir.resolve(prefix + "-labels-idx1-ubyte.gz")), -1);
        return new ImageSet(images, labels);
    }
}
