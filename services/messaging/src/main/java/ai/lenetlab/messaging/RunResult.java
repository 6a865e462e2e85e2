package ai.lenetlab.messaging;

import ai.lenetlab.contracts.PredictionSample;
import java.util.List;

/**
 * What a completed run delivers besides its epochs.
 *
 * @param model the trained parameters (DJL format), base64; null if larger than a message may be
 * @param modelSha256 SHA-256 of the decoded model bytes
 */
public record RunResult(
        int[][] confusionMatrix,
        List<Double> perClassAccuracy,
        List<PredictionSample> predictions,
        double totalSeconds,
        String model,
        String modelSha256) {}
