package ai.lenetlab.experiments.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Slows down password guessing per user name (known or not, so that it tells nothing about which names
 * exist). Each check counts as a failure from the moment it starts until it succeeds, so parallel guesses
 * cannot slip past the count. After {@link SignInConfig#freeFailures()} failures, the next check waits
 * {@link SignInConfig#firstBackoff()} after the last one, doubling up to {@link SignInConfig#maxBackoff()};
 * a success clears the name. Someone guessing a user's password does not lock that user out:
 * remembered sign-ins ({@link LabIdentityProvider}) never come here, and the password that last
 * succeeded for the name passes the wait (a recognised client, as OWASP suggests against lockouts).
 */
@ApplicationScoped
public class SignInThrottle {

    private record Failures(int count, long lastAtNanos) {}

    private final SignInConfig config;
    private final Cache<String, Failures> failures;

    SignInThrottle(SignInConfig config) {
        this.config = config;
        this.failures = Caffeine.newBuilder()
                .expireAfterWrite(config.forgetFailuresAfter())
                .maximumSize(config.trackedNames())
                .build();
    }

    /**
     * Counts a check of {@code name} as begun, or throws when the name must wait and the password is not
     * the one that last succeeded ({@code knownGood}).
     */
    public void begin(String name, boolean knownGood) {
        long now = System.nanoTime();
        Duration[] wait = {Duration.ZERO};
        failures.asMap().compute(name, (key, seen) -> {
            if (seen == null) {
                return new Failures(1, now);
            }
            Duration left = backoff(seen.count()).minusNanos(now - seen.lastAtNanos());
            if (left.isPositive() && !knownGood) {
                wait[0] = left;
                return seen;
            }
            return new Failures(seen.count() + 1, now);
        });
        if (wait[0].isPositive()) {
            throw new SignInThrottledException(wait[0]);
        }
    }

    /** The check failed: the wait counts from now. */
    public void failed(String name) {
        failures.asMap().computeIfPresent(name, (key, seen) -> new Failures(seen.count(), System.nanoTime()));
    }

    public void succeeded(String name) {
        failures.invalidate(name);
    }

    /** The wait before the next check after {@code count} failures. */
    Duration backoff(int count) {
        int beyond = count - config.freeFailures();
        if (beyond < 0) {
            return Duration.ZERO;
        }
        Duration wait = config.firstBackoff().multipliedBy(1L << Math.min(beyond, 20));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }
}
