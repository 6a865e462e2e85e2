package ai.lenetlab.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the worker remembers about its runs, without Kafka: redeliveries, cancellations, shutdown. */
class ActiveRunsTest {

    private final ActiveRuns runs = new ActiveRuns();
    private final UUID run = UUID.randomUUID();

    @Test
    void anAttemptIsTakenOnceAndARetryIsANewAttempt() {
        assertThat(runs.take(run, 1)).isTrue();
        assertThat(runs.take(run, 1)).as("a redelivered request").isFalse();
        runs.finished(run);
        assertThat(runs.isIdle()).isTrue();
        assertThat(runs.take(run, 1))
                .as("still the same attempt after it finished")
                .isFalse();
        assertThat(runs.take(run, 2)).isTrue();
    }

    @Test
    void aCancellationStopsItsAttemptOnlyOrEveryAttemptWithoutOne() {
        runs.take(run, 2);
        runs.cancel(run, 1);
        assertThat(runs.stopReason(run))
                .as("attempt 1 cancelled, attempt 2 trains")
                .isNull();
        runs.cancel(run, 2);
        assertThat(runs.stopReason(run)).isEqualTo(ActiveRuns.StopReason.CANCELLED);

        UUID other = UUID.randomUUID();
        runs.take(other, 5);
        runs.cancel(other, null);
        assertThat(runs.isCancelled(other, 5)).isTrue();
        assertThat(runs.isCancelled(other, 6)).isTrue();
    }

    @Test
    void shuttingDownStopsWhatIsNotCancelledAsReleased() {
        runs.take(run, 1);
        assertThat(runs.stopReason(run)).isNull();
        runs.shutDown();
        assertThat(runs.stopReason(run)).isEqualTo(ActiveRuns.StopReason.SHUTTING_DOWN);
    }
}
