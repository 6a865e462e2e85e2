package ai.lenetlab.messaging;

/** A message that cannot be read or acted on; it goes to the dead-letter topic with this reason. */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
