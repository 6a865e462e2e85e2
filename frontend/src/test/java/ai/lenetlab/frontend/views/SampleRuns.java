package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.SampleEnvironments;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.CompareView.ComparedRun;
import ai.lenetlab.contracts.api.CompareView.ConfigField;
import ai.lenetlab.contracts.api.CompareView.GroupEpoch;
import ai.lenetlab.contracts.api.CompareView.SeedGroup;
import ai.lenetlab.contracts.api.CompareView.Stat;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunDifference;
import ai.lenetlab.contracts.api.RunProgress;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Runs shaped like the experiment service's answers, for the view tests. */
final class SampleRuns {

    static final UUID EXPERIMENT = UUID.fromString("00000000-0000-0000-0000-0000000000e1");

    private SampleRuns() {}

    static List<EpochMetrics> epochs(int n) {
        List<EpochMetrics> list = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            list.add(new EpochMetrics(
                    e, 1.0 / e, 0.6 + 0.1 * e, 1.1 / e, 0.58 + 0.1 * e, 0.01 * Math.pow(0.7, e - 1), 4.0, 15_000));
        }
        return list;
    }

    static RunDetails completed(UUID id, String preset) {
        List<EpochMetrics> epochs = epochs(3);
        int[][] confusion = new int[10][10];
        for (int i = 0; i < 10; i++) {
            confusion[i][i] = 80;
            confusion[i][(i + 1) % 10] = 20;
        }
        RunConfig config = Presets.MODEL_2.toBuilder().epochs(3).build();
        RunSummary summary = new RunSummary(
                id,
                EXPERIMENT,
                "unit",
                1,
                preset,
                1,
                RunStatus.COMPLETED,
                1,
                3,
                "w-1",
                "cpu",
                null,
                1,
                epochs.get(2),
                Instant.now(),
                Instant.now(),
                Instant.now(),
                12.0,
                null);
        return new RunDetails(
                summary,
                3,
                config,
                61_706L,
                List.of(
                        new LayerInfo("conv1", List.of(1L, 6L, 24L, 24L), 156),
                        new LayerInfo("fc3", List.of(1L, 10L), 850)),
                epochs,
                epochs.get(2),
                epochs.get(2),
                confusion,
                List.of(0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8),
                12.0,
                true,
                false,
                Instant.now(),
                Instant.now(),
                SampleEnvironments.SERVER,
                0,
                List.of());
    }

    static RunDetails running(UUID id) {
        RunDetails done = completed(id, "model-2");
        List<EpochMetrics> first = done.epochs().subList(0, 1);
        RunSummary summary = new RunSummary(
                id,
                EXPERIMENT,
                "unit",
                1,
                "model-2",
                1,
                RunStatus.RUNNING,
                1,
                3,
                "w-1",
                "cpu",
                new RunProgress(2, 3, 10, 235, 0.61, 0.77),
                0.35,
                first.get(0),
                Instant.now(),
                Instant.now(),
                null,
                5.0,
                null);
        return new RunDetails(
                summary,
                3,
                done.config(),
                61_706L,
                done.layers(),
                first,
                first.get(0),
                first.get(0),
                null,
                null,
                null,
                false,
                false,
                Instant.now(),
                Instant.now(),
                null,
                0,
                List.of());
    }

    static RunSummary summary(UUID id, String preset, RunStatus status, EpochMetrics last) {
        return new RunSummary(
                id,
                EXPERIMENT,
                "unit",
                1,
                preset,
                1,
                status,
                1,
                3,
                "w-1",
                "cpu",
                null,
                status == RunStatus.COMPLETED ? 1 : 0,
                last,
                Instant.now(),
                null,
                null,
                null,
                null);
    }

    static RunSummary progress(UUID id, int epoch, double loss) {
        return new RunSummary(
                id,
                EXPERIMENT,
                "unit",
                1,
                "model-2",
                1,
                RunStatus.RUNNING,
                1,
                3,
                "w-1",
                "cpu",
                new RunProgress(epoch, 3, 100, 235, loss, 0.8),
                (epoch - 1 + 100 / 235.0) / 3,
                null,
                Instant.now(),
                Instant.now(),
                null,
                5.0,
                null);
    }

    /** Ten test images, the last two misclassified. */
    static List<PredictionSample> predictions() {
        List<PredictionSample> list = new ArrayList<>();
        byte[] pixels = new byte[28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 256);
        }
        String encoded = Base64.getEncoder().encodeToString(pixels);
        for (int i = 0; i < 10; i++) {
            list.add(new PredictionSample(i, i, i < 8 ? i : (i + 1) % 10, 0.9, encoded));
        }
        return list;
    }

    /** a and b: model-2 with seeds 1 and 2 (a seed group); c: model-1. Only the optimizer and batch size differ. */
    static CompareView compare(UUID a, UUID b, UUID c) {
        List<EpochMetrics> e = epochs(3);
        Map<UUID, List<Double>> testAccuracy =
                Map.of(a, List.of(0.7, 0.8, 0.9), b, List.of(0.72, 0.82, 0.88), c, Arrays.asList(0.6, 0.7, null));
        List<ConfigField> config = List.of(
                new ConfigField("activation", List.of("relu", "relu", "relu"), false),
                new ConfigField("optimizer", List.of("adam", "adam", "sgd"), true),
                new ConfigField("batchSize", List.of(256, 256, 100), true),
                new ConfigField("seed", List.of(1, 2, 1), true));
        Stat acc = new Stat(0.89, 0.0141, 2);
        List<GroupEpoch> groupEpochs = List.of(
                new GroupEpoch(1, acc, acc, acc, new Stat(0.71, 0.0141, 2)),
                new GroupEpoch(2, acc, acc, acc, new Stat(0.81, 0.0141, 2)),
                new GroupEpoch(3, acc, acc, acc, new Stat(0.89, 0.0141, 2)));
        return new CompareView(
                List.of(
                        new ComparedRun(
                                a,
                                "model-2 #1 (seed 1)",
                                "unit",
                                "model-2",
                                1,
                                RunStatus.COMPLETED,
                                e.get(2),
                                e.get(2)),
                        new ComparedRun(
                                b,
                                "model-2 #2 (seed 2)",
                                "unit",
                                "model-2",
                                2,
                                RunStatus.COMPLETED,
                                e.get(2),
                                e.get(1)),
                        new ComparedRun(
                                c, "model-1 #3 (seed 1)", "unit", "model-1", 1, RunStatus.RUNNING, e.get(1), e.get(1))),
                config,
                List.of("optimizer", "batchSize"),
                List.of(1, 2, 3),
                Map.of(
                        "testAccuracy",
                        testAccuracy,
                        "testLoss",
                        testAccuracy,
                        "trainAccuracy",
                        testAccuracy,
                        "trainLoss",
                        testAccuracy),
                List.of(new SeedGroup(
                        "model-2 #1 (seed 1) × 2 seeds", List.of(a, b), List.of(1L, 2L), groupEpochs, acc, acc)),
                List.of(),
                List.of());
    }

    /** B fixes two test images A got wrong and breaks one; shirts 5 points better. */
    static RunDifference difference(UUID a, UUID b) {
        String pixels = Base64.getEncoder().encodeToString(new byte[28 * 28]);
        List<RunDifference.ClassDifference> perClass = new ArrayList<>();
        for (int label = 0; label < 10; label++) {
            double change = label == 6 ? 0.05 : 0;
            perClass.add(new RunDifference.ClassDifference(
                    label, ai.lenetlab.contracts.FashionMnistClasses.name(label), 0.8, 0.8 + change, change));
        }
        return new RunDifference(
                a,
                b,
                "model-2 #1 (seed 1)",
                "model-2 #2 (seed 2)",
                10_000,
                perClass,
                new int[10][10],
                2,
                1,
                List.of(
                        new RunDifference.ChangedImage(17, 6, 0, 6, pixels),
                        new RunDifference.ChangedImage(42, 6, 2, 6, pixels)),
                List.of(new RunDifference.ChangedImage(99, 0, 0, 6, pixels)),
                null);
    }

    /**
     * An experiment as "Reproduce the report" submits it: d2l and models 1–4, seeds 1–3, model-4's
     * runs in {@code model4Status}, the others completed; model N scores 0.78 + 0.03·N ± 0.005.
     */
    static CompareView report(RunStatus model4Status) {
        List<String> presets = List.of("d2l", "model-1", "model-2", "model-3", "model-4");
        List<ComparedRun> runs = new ArrayList<>();
        List<CompareView.ConfigSummary> summary = new ArrayList<>();
        List<SeedGroup> groups = new ArrayList<>();
        for (int m = 0; m < presets.size(); m++) {
            String preset = presets.get(m);
            RunStatus status = preset.equals("model-4") ? model4Status : RunStatus.COMPLETED;
            List<UUID> ids = new ArrayList<>();
            for (long seed = 1; seed <= 3; seed++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                runs.add(new ComparedRun(
                        id, preset + " #" + seed, "Reproduce the report", preset, seed, status, null, null));
            }
            Stat accuracy = new Stat(0.78 + 0.03 * m, 0.005, 3, 0.77 + 0.03 * m, 0.79 + 0.03 * m);
            summary.add(new CompareView.ConfigSummary(
                    preset, ids, List.of(1L, 2L, 3L), accuracy, accuracy, accuracy, accuracy));
            groups.add(new SeedGroup(preset + " × 3 seeds", ids, List.of(1L, 2L, 3L), List.of(), accuracy, accuracy));
        }
        List<CompareView.Contrast> contrasts = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                double difference = -0.03 * (j - i); // a − b: the earlier model is behind
                contrasts.add(new CompareView.Contrast(
                        groups.get(i).label(),
                        groups.get(j).label(),
                        "finalTestAccuracy",
                        3,
                        3,
                        difference,
                        difference - 0.01,
                        difference + 0.01,
                        0.0004,
                        -6.0,
                        2));
            }
        }
        return new CompareView(runs, List.of(), List.of(), List.of(), Map.of(), groups, contrasts, summary);
    }
}
