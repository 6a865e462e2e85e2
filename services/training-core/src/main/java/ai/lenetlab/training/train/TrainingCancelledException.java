package ai.lenetlab.training.train;

/** Thrown between batches when the caller asked the run to stop. */
public class TrainingCancelledException extends RuntimeException {

    public TrainingCancelledException(int epoch, int batch) {
        super("training cancelled in epoch " + epoch + " before batch " + batch);
    }
}
