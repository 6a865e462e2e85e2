package ai.lenetlab.experiments.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A bound on password checks (bcrypt) running at once, so that sign-ins with made-up names cannot take
 * the machine: beyond {@link SignInConfig#concurrentChecks()} running and {@link
 * SignInConfig#waitingChecks()} waiting (each at most {@link SignInConfig#strangerWait()}) a check is
 * refused at once, unchecked (503, {@link SignInBusyException}). The password that last worked for a name
 * has slots of its own and may wait {@link SignInConfig#knownGoodWait()} for one, so the lab's users get in
 * while a flood of strangers is refused.
 */
@ApplicationScoped
public class PasswordCheckSlots {

    private final Semaphore strangers;
    private final Semaphore strangersWaiting;
    private final Semaphore knownGood;
    private final long knownGoodWaitNanos;
    private final long strangerWaitNanos;

    PasswordCheckSlots(SignInConfig config) {
        // strangers leave a core for everything else (the known-good lane is only as busy as the lab's users)
        int slots = config.concurrentChecks()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        this.strangers = new Semaphore(slots);
        this.strangersWaiting = new Semaphore(config.waitingChecks());
        this.knownGood = new Semaphore(slots);
        this.knownGoodWaitNanos = config.knownGoodWait().toNanos();
        this.strangerWaitNanos = config.strangerWait().toNanos();
    }

    /** Runs {@code check} in a free slot, or throws {@link SignInBusyException} when there is none. */
    public <T> T run(boolean knownGoodPassword, Supplier<T> check) {
        Semaphore slots = knownGoodPassword ? knownGood : strangers;
        if (!(knownGoodPassword ? acquire(slots, knownGoodWaitNanos) : acquireAsStranger())) {
            throw new SignInBusyException();
        }
        try {
            return check.get();
        } finally {
            slots.release();
        }
    }

    /** A free slot at once, or a place in the bounded waiting room and a slot within the stranger wait. */
    private boolean acquireAsStranger() {
        if (strangers.tryAcquire()) {
            return true;
        }
        if (!strangersWaiting.tryAcquire()) {
            return false;
        }
        try {
            return acquire(strangers, strangerWaitNanos);
        } finally {
            strangersWaiting.release();
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
