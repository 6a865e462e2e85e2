package ai.lenetlab.dataset;

/** The dataset is missing or damaged; the message names the file, what was expected and the fix. */
public class DatasetException extends RuntimeException {

    static final String HOW_TO_FIX =
            "Install it with `apt-get install -y dataset-fashion-mnist` (Debian), point --data-dir or "
                    + "LENETLAB_DATA_DIR at a folder with the four Fashion-MNIST IDX files (.gz or raw), "
                    + "or go online once so that LeNet Lab can download them into ~/.cache/lenetlab/fashion-mnist.";

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
