package ai.lenetlab.experiments.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret of one run attempt: 128 random bits, sent to the workers in the attempt's run request
 * only (never by the API, the UI or a log line), and echoed by the worker in each event of the
 * attempt. An event without it is not from a worker the attempt was handed to.
 */
public final class AttemptSecret {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 16;

    private AttemptSecret() {}

    static String draw() {
        byte[] secret = new byte[BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Whether {@code given} is the attempt's secret; in constant time, so a guess learns nothing from it. */
    public static boolean matches(String expected, String given) {
        return expected != null
                && given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
