package ai.lenetlab.training.train;

/**
 * Where a run stands within an epoch, reported after every batch.
 *
 * @param epoch 1-based
 * @param epochs epochs in the run
 * @param batch batches done in this epoch
 * @param batches batches per epoch
 * @param runningLoss mean training loss of this epoch so far
 * @param runningAccuracy training accuracy of this epoch so far
 */
public record BatchProgress(int epoch, int epochs, int batch, int batches, double runningLoss, double runningAccuracy) {

    /** Fraction of the whole run done, 0–1. */
    public double fractionDone() {
        return ((epoch - 1) + (double) batch / batches) / epochs;
    }
}
