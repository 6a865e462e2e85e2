package ai.lenetlab.messaging;

import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.RunEnvironment;
import java.util.List;

/**
 * What a completed run delivers besides its epochs.
 *
 * @param model the trained parameters (DJL format), base64; null if larger than a message may be
 * @param modelSha256 SHA-256 of the decoded model bytes
 * @param testPredictions every test image's true and predicted class, a byte each ({@code
 *     TestPredictions}); null from workers that predate it
 * @param environment what the run trained on (versions, commit, CPU, threads, dataset checksums);
 *     null from workers that predate it
 */
public record RunResult(
        int[][] confusionMatrix,
        List<Double> perClassAccuracy,
        List<PredictionSample> predictions,
        double totalSeconds,
        String model,
        String modelSha256,
        byte[] testPredictions,
        RunEnvironment environment) {}
