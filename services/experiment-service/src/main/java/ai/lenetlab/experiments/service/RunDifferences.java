package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.FashionMnistClasses;
import ai.lenetlab.contracts.TestPredictions;
import ai.lenetlab.contracts.api.RunDifference;
import ai.lenetlab.contracts.api.RunDifference.ChangedImage;
import ai.lenetlab.contracts.api.RunDifference.ClassDifference;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.RunResultRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where two runs' models differ on the test set: per class, in the confusion matrix, and image by
 * image from the predictions each run kept (a byte per test image, {@link TestPredictions}).
 */
@ApplicationScoped
public class RunDifferences {

    /** Changed images listed per direction at most. */
    public static final int MAX_IMAGES = 200;

    @Inject
    TestImages testImages;

    @Transactional
    public RunDifference between(UUID a, UUID b, int limit) {
        if (limit < 0 || limit > MAX_IMAGES) {
            throw new Refusal(Refusal.Kind.INVALID, "limit must be 0–" + MAX_IMAGES + ", was " + limit);
        }
        Run runA = RunService.find(a);
        Run runB = RunService.find(b);
        RunResultRow resultA = result(runA);
        RunResultRow resultB = result(runB);
        int images = total(resultA.confusionMatrix);
        if (images != total(resultB.confusionMatrix)) {
            throw new Refusal(
                    Refusal.Kind.CONFLICT,
                    "the runs were tested on different test sets (" + images + " and " + total(resultB.confusionMatrix)
                            + " images): compare runs with the same testSamples");
        }
        List<ClassDifference> perClass = new ArrayList<>();
        for (int label = 0; label < FashionMnistClasses.COUNT; label++) {
            Double accuracyA = resultA.perClassAccuracy.get(label);
            Double accuracyB = resultB.perClassAccuracy.get(label);
            perClass.add(new ClassDifference(
                    label,
                    FashionMnistClasses.NAMES.get(label),
                    accuracyA,
                    accuracyB,
                    accuracyA == null || accuracyB == null ? null : accuracyB - accuracyA));
        }
        int[][] delta = new int[FashionMnistClasses.COUNT][FashionMnistClasses.COUNT];
        for (int t = 0; t < delta.length; t++) {
            for (int p = 0; p < delta[t].length; p++) {
                delta[t][p] = resultB.confusionMatrix[t][p] - resultA.confusionMatrix[t][p];
            }
        }
        String labelA = RunViews.label(runA);
        String labelB = RunViews.label(runB);
        byte[] predictionsA = resultA.testPredictions;
        byte[] predictionsB = resultB.testPredictions;
        if (predictionsA == null || predictionsB == null) {
            Run without = predictionsA == null ? runA : runB;
            return new RunDifference(
                    a,
                    b,
                    labelA,
                    labelB,
                    images,
                    perClass,
                    delta,
                    null,
                    null,
                    null,
                    null,
                    "run " + RunViews.label(without) + " kept no per-image predictions (it was trained before they"
                            + " were kept): retry it to see which images changed");
        }
        List<ChangedImage> fixed = new ArrayList<>();
        List<ChangedImage> broken = new ArrayList<>();
        int fixedCount = 0;
        int brokenCount = 0;
        boolean pixels = testImages.available();
        for (int i = 0; i < predictionsA.length; i++) {
            boolean rightA = TestPredictions.correct(predictionsA[i]);
            boolean rightB = TestPredictions.correct(predictionsB[i]);
            if (rightA == rightB) {
                continue;
            }
            List<ChangedImage> list = rightB ? fixed : broken;
            if (rightB) {
                fixedCount++;
            } else {
                brokenCount++;
            }
            if (list.size() < limit) {
                list.add(new ChangedImage(
                        i,
                        TestPredictions.trueLabel(predictionsA[i]),
                        TestPredictions.predicted(predictionsA[i]),
                        TestPredictions.predicted(predictionsB[i]),
                        pixels ? testImages.pixels(i) : null));
            }
        }
        return new RunDifference(
                a,
                b,
                labelA,
                labelB,
                images,
                perClass,
                delta,
                fixedCount,
                brokenCount,
                fixed,
                broken,
                pixels ? null : TestImages.NOT_AVAILABLE);
    }

    private static RunResultRow result(Run run) {
        RunResultRow result = RunResultRow.findById(run.id);
        if (result == null) {
            throw new Refusal(
                    Refusal.Kind.CONFLICT,
                    "run " + run.id + " is " + run.status + ": it has no test-set result to compare yet");
        }
        return result;
    }

    private static int total(int[][] confusion) {
        int sum = 0;
        for (int[] row : confusion) {
            for (int count : row) {
                sum += count;
            }
        }
        return sum;
    }
}
