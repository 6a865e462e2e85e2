package ai.lenetlab.experiments.security;

import java.time.Duration;

/**
 * A sign-in refused unchecked because its name failed too often lately; answered 429 with Retry-After.
 * It travels as the cause of an {@code AuthenticationFailedException} (a final class), as Quarkus expects.
 */
public class SignInThrottledException extends RuntimeException {

    private final Duration retryAfter;

    public SignInThrottledException(Duration retryAfter) {
        super("too many failed sign-ins for this user name; try again in " + seconds(retryAfter) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, rounded up, as the Retry-After header wants them. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
