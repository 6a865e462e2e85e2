package ai.lenetlab.training.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.lenetlab.contracts.ConfigValidator;
import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.LearningRates;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.RunReport;
import ai.lenetlab.contracts.TestPredictions;
import ai.lenetlab.dataset.FashionMnist;
import ai.lenetlab.dataset.ImageSet;
import ai.lenetlab.training.model.LeNet;
import ai.lenetlab.training.model.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * One training run, as the report's script does it: per epoch, shuffle, train on every
 * mini-batch (the last one may be smaller), then evaluate on the test set; at the end the
 * confusion matrix, a sample of predictions and, if asked, the trained parameters.
 *
 * <pre>{@code
 * RunReport report = new TrainingRun(Presets.MODEL_2, data)
 *         .listener(progress)
 *         .cancelWhen(stopRequested::get)
 *         .saveModelTo(dir.resolve("model.params"))
 *         .run();
 * }</pre>
 *
 * Same config and seed on the CPU give identical metrics. One run per thread; runs on different
 * threads share PyTorch's global random generator, so only a lone run is reproducible.
 */
public final class TrainingRun {

    private final RunConfig config;
    private final FashionMnist data;
    private TrainingListener listener = TrainingListener.NONE;
    private BooleanSupplier cancelled = () -> false;
    private Path modelFile;
    private int predictionSamples = PredictionSampler.DEFAULT_SAMPLES;

    public TrainingRun(RunConfig config, FashionMnist data) {
        this.config = ConfigValidator.requireValid(config);
        this.data = data;
    }

    public TrainingRun listener(TrainingListener value) {
        listener = value;
        return this;
    }

    /** Checked before every batch; when it turns true the run throws {@link TrainingCancelledException}. */
    public TrainingRun cancelWhen(BooleanSupplier value) {
        cancelled = value;
        return this;
    }

    /** Writes the trained parameters there when the run completes. */
    public TrainingRun saveModelTo(Path file) {
        modelFile = file;
        return this;
    }

    public TrainingRun predictionSamples(int count) {
        predictionSamples = count;
        return this;
    }

    public RunReport run() {
        long started = System.nanoTime();
        DenormalFlush.enableOnCurrentThread(); // before this thread's first tensor operation
        MallocTuning.apply();
        Engine.getInstance().setRandomSeed((int) config.seed());
        Device device = DeviceSelector.select();
        ImageSet train = data.train().head(config.trainSamples());
        ImageSet test = data.test().head(config.testSamples());

        LeNet net = LeNet.of(config);
        ScheduledLearningRate learningRate = new ScheduledLearningRate(LearningRates.forEpoch(config, 1));
        DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss())
                .optOptimizer(Optimizers.forConfig(config, learningRate))
                .optDevices(new Device[] {device});
        try (Model model = Model.newInstance("lenet", device, "PyTorch")) {
            model.setBlock(net.block());
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(LeNet.INPUT_SHAPE);
                List<LayerInfo> layers = net.layerTable();
                listener.onStart(device.toString(), net.parameterCount(), layers);

                BatchAssembler batches = new BatchAssembler(
                        config.batchSize(), config.normalization(), config.augmentation(), config.seed());
                Random shuffle = new Random(config.seed());
                int[] order = identity(train.size());
                List<EpochMetrics> epochs = new ArrayList<>();
                TestSetEvaluation eval = null;
                int batchCount = (train.size() + config.batchSize() - 1) / config.batchSize();
                for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                    double lr = LearningRates.forStep(config, epoch, 0, batchCount); // the epoch's first step
                    learningRate.set(lr);
                    shuffle(order, shuffle);
                    long epochStart = System.nanoTime();
                    double[] lossAndAccuracy = trainEpoch(trainer, learningRate, batches, train, order, epoch);
                    double seconds = (System.nanoTime() - epochStart) / 1e9;
                    eval = TestSetEvaluation.run(trainer.getManager(), trainer::evaluate, test, config.normalization());
                    EpochMetrics metrics = new EpochMetrics(
                            epoch,
                            lossAndAccuracy[0],
                            lossAndAccuracy[1],
                            eval.loss(),
                            eval.accuracy(),
                            lr,
                            seconds,
                            train.size() / seconds);
                    epochs.add(metrics);
                    listener.onEpoch(metrics);
                }
                if (modelFile != null) {
                    save(net);
                }
                int[][] confusion = eval.confusionMatrix(test);
                return new RunReport(
                        config,
                        device.toString(),
                        net.parameterCount(),
                        layers,
                        epochs,
                        confusion,
                        TestSetEvaluation.perClassAccuracy(confusion),
                        PredictionSampler.sample(test, eval, predictionSamples),
                        (System.nanoTime() - started) / 1e9,
                        TestPredictions.encode(test.labels(), eval.predicted()),
                        RunEnvironments.current(device.toString()));
            }
        }
    }

    /** @return mean training loss and accuracy of the epoch */
    private double[] trainEpoch(
            Trainer trainer,
            ScheduledLearningRate learningRate,
            BatchAssembler batches,
            ImageSet train,
            int[] order,
            int epoch) {
        boolean perStepRate = LearningRates.perStep(config);
        int n = train.size();
        int batchSize = config.batchSize();
        int batchCount = (n + batchSize - 1) / batchSize;
        double lossSum = 0;
        long correct = 0;
        int seen = 0;
        for (int b = 0; b < batchCount; b++) {
            if (cancelled.getAsBoolean()) {
                throw new TrainingCancelledException(epoch, b + 1);
            }
            if (perStepRate) {
                learningRate.set(LearningRates.forStep(config, epoch, b, batchCount));
            }
            int size = Math.min(batchSize, n - seen);
            // every array of the batch, gradients' intermediates included, dies with this manager
            try (NDManager batchManager = trainer.getManager().newSubManager()) {
                NDList batch = batches.assemble(batchManager, train, order, seen, size);
                NDArray labels = batch.get(1);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(new NDList(batch.get(0)));
                    NDArray loss = trainer.getLoss().evaluate(new NDList(labels), predictions);
                    collector.backward(loss);
                    lossSum += loss.getFloat() * size;
                    correct += predictions
                            .singletonOrThrow()
                            .argMax(1)
                            .eq(labels)
                            .countNonzero()
                            .getLong();
                }
                trainer.step();
            }
            seen += size;
            listener.onBatch(new BatchProgress(
                    epoch, config.epochs(), b + 1, batchCount, lossSum / seen, (double) correct / seen));
        }
        return new double[] {lossSum / n, (double) correct / n};
    }

    private void save(LeNet net) {
        try {
            ModelFiles.save(net, modelFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to " + modelFile, e);
        }
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Fisher–Yates, so that a seed fixes the order of every epoch. */
    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
