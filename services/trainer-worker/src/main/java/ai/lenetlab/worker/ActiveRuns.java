package ai.lenetlab.worker;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this worker is training now, which attempts it has already taken (a redelivered request
 * is skipped), which runs were cancelled, and whether it is shutting down.
 */
@ApplicationScoped
class ActiveRuns {

    private static final int REMEMBERED = 10_000;

    private final Map<UUID, Integer> active = new ConcurrentHashMap<>();
    private final Set<String> taken = Collections.synchronizedSet(Collections.newSetFromMap(bounded()));
    /** run#attempt, or run#* for every attempt (a cancellation without one) */
    private final Set<String> cancelled = Collections.synchronizedSet(Collections.newSetFromMap(bounded()));

    private volatile boolean shuttingDown;

    /** @return false if this worker already took this attempt */
    boolean take(UUID runId, int attempt) {
        if (!taken.add(runId + "#" + attempt)) {
            return false;
        }
        active.put(runId, attempt);
        return true;
    }

    void finished(UUID runId) {
        active.remove(runId);
    }

    /** Cancels an attempt of a run (all attempts when {@code attempt} is null): a retry is a new attempt. */
    void cancel(UUID runId, Integer attempt) {
        cancelled.add(runId + "#" + (attempt == null ? "*" : attempt));
    }

    boolean isCancelled(UUID runId, int attempt) {
        return cancelled.contains(runId + "#" + attempt) || cancelled.contains(runId + "#*");
    }

    /** Why a run stops before its end. */
    enum StopReason {
        /** A user cancelled it (or it was a second delivery another worker holds): reported CANCELLED. */
        CANCELLED("cancelled"),
        /** The worker is shutting down: reported RELEASED, so the service re-queues it at once. */
        SHUTTING_DOWN("shutting down");

        private final String words;

        StopReason(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    /** Why a run should stop now, or null to go on. */
    StopReason stopReason(UUID runId) {
        Integer attempt = active.get(runId);
        if (attempt != null && isCancelled(runId, attempt)) {
            return StopReason.CANCELLED;
        }
        return shuttingDown ? StopReason.SHUTTING_DOWN : null;
    }

    void shutDown() {
        shuttingDown = true;
    }

    boolean isShuttingDown() {
        return shuttingDown;
    }

    boolean isIdle() {
        return active.isEmpty();
    }

    private static <K> Map<K, Boolean> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        };
    }
}
