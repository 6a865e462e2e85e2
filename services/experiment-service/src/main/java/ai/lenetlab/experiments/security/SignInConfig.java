package ai.lenetlab.experiments.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How sign-ins are remembered and how guessing is slowed down ({@code lenetlab.security.sign-in.*}). */
@ConfigMapping(prefix = "lenetlab.security.sign-in")
public interface SignInConfig {

    /** A verified password is remembered this long after its last use, so repeat calls skip bcrypt. */
    @WithDefault("1m")
    Duration remember();

    /** The password that last succeeded for a name passes the sign-in throttle's wait this long afterwards. */
    @WithDefault("12h")
    Duration knownGoodFor();

    /** Failed sign-ins a name may have from one client ({@link SignInClient}) before each further try must wait. */
    @WithDefault("5")
    int freeFailures();

    /** The wait after the free failures; it doubles with each further failure, up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration firstBackoff();

    @WithDefault("30s")
    Duration maxBackoff();

    /** A name's failures from a client are forgotten this long after the last one. */
    @WithDefault("15m")
    Duration forgetFailuresAfter();

    /**
     * How many names' failures (per client) and last-worked passwords are tracked at most (the oldest are
     * dropped first): memory stays bounded.
     */
    @WithDefault("100000")
    int trackedNames();

    /** Password checks (bcrypt) of each lane at once ({@link PasswordCheckSlots}); by default the cores less one, at least 1. */
    Optional<Integer> concurrentChecks();

    /** How long a check of the password that last worked waits for a free slot. */
    @WithDefault("5s")
    Duration knownGoodWait();

    /**
     * Other checks (first sign-ins, unknown names) that may wait for a slot at once, each at most {@link
     * #strangerWait()}; beyond them a check is refused at once. A few people signing in together wait a
     * moment instead of being refused; a flood of made-up names is refused.
     */
    @WithDefault("4")
    int waitingChecks();

    @WithDefault("2s")
    Duration strangerWait();
}
