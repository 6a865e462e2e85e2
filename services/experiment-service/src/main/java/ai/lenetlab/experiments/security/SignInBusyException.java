package ai.lenetlab.experiments.security;

/**
 * A sign-in refused unchecked because every bcrypt slot is taken ({@link PasswordCheckSlots}); answered
 * 503 with Retry-After. It travels as the cause of an {@code AuthenticationFailedException}, as Quarkus
 * expects.
 */
public class SignInBusyException extends RuntimeException {

    public SignInBusyException() {
        super("too many sign-ins are being checked at once; try again in a second");
    }
}
