package ai.lenetlab.contracts.api;

/** Live position of a run within its epochs, as the worker last reported it. */
public record RunProgress(int epoch, int epochs, int batch, int batches, double runningLoss, double runningAccuracy) {

    /** Fraction of the whole run done, 0–1. */
    public double fraction() {
        return ((epoch - 1) + (double) batch / batches) / epochs;
    }
}
