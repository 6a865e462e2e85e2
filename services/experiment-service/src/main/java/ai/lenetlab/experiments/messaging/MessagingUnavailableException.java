package ai.lenetlab.experiments.messaging;

/** Kafka did not take a message; the API answers 503 and nothing is stored. */
public class MessagingUnavailableException extends RuntimeException {

    public MessagingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
