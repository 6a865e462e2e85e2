package ai.lenetlab.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkerLifetimeTest {

    private final AtomicInteger exits = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();

    @Test
    void exitsOnceAfterMaxRuns() {
        WorkerLifetime lifetime = new WorkerLifetime(2, Duration.ZERO, exits::incrementAndGet, now::get);
        lifetime.runStarted();
        lifetime.runFinished();
        assertThat(exits).hasValue(0);
        lifetime.runStarted();
        lifetime.runFinished();
        assertThat(exits).hasValue(1);
        lifetime.runStarted();
        lifetime.runFinished();
        assertThat(exits).hasValue(1);
    }

    @Test
    void exitsWhenIdleButNeverDuringARun() {
        WorkerLifetime lifetime = new WorkerLifetime(0, Duration.ofSeconds(60), exits::incrementAndGet, now::get);
        now.set(Duration.ofSeconds(59).toNanos());
        lifetime.exitIfIdle();
        assertThat(exits).hasValue(0);

        lifetime.runStarted();
        now.set(Duration.ofHours(2).toNanos());
        lifetime.exitIfIdle();
        assertThat(exits).as("a long run is not idleness").hasValue(0);

        lifetime.runFinished();
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        lifetime.exitIfIdle();
        assertThat(exits).hasValue(1);
    }

    @Test
    void longLivedWorkersNeverExit() {
        WorkerLifetime lifetime = new WorkerLifetime(0, Duration.ZERO, exits::incrementAndGet, now::get);
        for (int i = 0; i < 100; i++) {
            lifetime.runStarted();
            lifetime.runFinished();
        }
        now.set(Long.MAX_VALUE / 2);
        lifetime.exitIfIdle();
        assertThat(exits).hasValue(0);
    }
}
