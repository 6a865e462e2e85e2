package ai.lenetlab.experiments.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A bound on password checks (bcrypt) running at once, so that sign-ins with made-up names cannot take
 * the machine: beyond {@link SignInConfig#concurrentChecks()} a check is refused at once, unchecked (503,
 * {@link SignInBusyException}), holding no thread. The password that last worked for a name has slots of
 * its own and may wait {@link SignInConfig#knownGoodWait()} for one, so the lab's users get in while a
 * flood of strangers is refused.
 */
@ApplicationScoped
public class PasswordCheckSlots {

    private final Semaphore strangers;
    private final Semaphore knownGood;
    private final long knownGoodWaitNanos;

    PasswordCheckSlots(SignInConfig config) {
        // strangers leave a core for everything else (the known-good lane is only as busy as the lab's users)
        int slots = config.concurrentChecks()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        this.strangers = new Semaphore(slots);
        this.knownGood = new Semaphore(slots);
        this.knownGoodWaitNanos = config.knownGoodWait().toNanos();
    }

    /** Runs {@code check} in a free slot, or throws {@link SignInBusyException} when there is none. */
    public <T> T run(boolean knownGoodPassword, Supplier<T> check) {
        Semaphore slots = knownGoodPassword ? knownGood : strangers;
        if (!acquire(slots, knownGoodPassword ? knownGoodWaitNanos : 0)) {
            throw new SignInBusyException();
        }
        try {
            return check.get();
        } finally {
            slots.release();
        }
    }

    private static boolean acquire(Semaphore slots, long waitNanos) {
        try {
            return slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
