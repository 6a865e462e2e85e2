package ai.lenetlab.training.predict;

/** An upload that cannot be used as an image, with the reason in words. */
public class BadImageException extends RuntimeException {

    /** Why: the caller answers each with its own status. */
    public enum Kind {
        /** Not PNG or JPEG. */
        WRONG_TYPE,
        /** Too many pixels (checked before decoding: decompression bombs). */
        TOO_LARGE,
        /** Claims to be an image but does not decode, or numbers that are not 784 grey values. */
        UNREADABLE
    }

    private final Kind kind;

    public BadImageException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
