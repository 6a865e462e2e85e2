package ai.lenetlab.experiments.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Slows down password guessing per user name (known or not, so that it tells nothing about which names
 * exist) and client ({@link SignInClient}). Each check counts as a failure from the moment it starts until
 * it succeeds, so parallel guesses cannot slip past the count. After {@link SignInConfig#freeFailures()}
 * failures, the client's next check of the name waits {@link SignInConfig#firstBackoff()} after the last
 * one, doubling up to {@link SignInConfig#maxBackoff()}; a success clears that client's count.
 *
 * <p>Why per client and not per name alone: a wait per name is a lock-out anyone can keep up with one
 * guess every 30 s (OWASP warns against exactly this). Letting a correct password through a name's wait
 * instead would hand the guesser an oracle (right: 200, wrong: 429) at bcrypt speed. So the wait belongs
 * to whoever earned it: the guesser's tries wait and are refused unchecked, whatever the password, while
 * the user's own client is checked as usual. Within one client, the password that last succeeded for the
 * name also passes the wait (a recognised user, OWASP's device-cookie idea), and remembered sign-ins
 * ({@link LabIdentityProvider}) never come here.
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
     * Counts a check of {@code name} from {@code client} as begun, or throws when that client must wait
     * for the name and the password is not the one that last succeeded ({@code knownGood}).
     */
    public void begin(String name, String client, boolean knownGood) {
        long now = System.nanoTime();
        Duration[] wait = {Duration.ZERO};
        failures.asMap().compute(key(name, client), (key, seen) -> {
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
    public void failed(String name, String client) {
        failures.asMap()
                .computeIfPresent(key(name, client), (key, seen) -> new Failures(seen.count(), System.nanoTime()));
    }

    /** The check did not take place after all (no free bcrypt slot): it does not count. */
    public void abandoned(String name, String client) {
        failures.asMap()
                .computeIfPresent(
                        key(name, client),
                        (key, seen) -> seen.count() <= 1 ? null : new Failures(seen.count() - 1, seen.lastAtNanos()));
    }

    /** Clears this client's count only: a user's success must not reset a guesser's wait. */
    public void succeeded(String name, String client) {
        failures.invalidate(key(name, client));
    }

    private static String key(String name, String client) {
        return client + '\0' + name;
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
