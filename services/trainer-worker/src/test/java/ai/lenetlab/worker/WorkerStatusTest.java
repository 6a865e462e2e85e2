package ai.lenetlab.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.WorkerEvent;
import ai.lenetlab.messaging.WorkerEvent.State;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkerStatusTest {

    private static final WorkerEvent.Identity WORKER =
            new WorkerEvent.Identity("w1", "host", "cpu", 2, Instant.parse("2026-01-01T00:00:00Z"));

    private final WorkerStatus status = new WorkerStatus();

    @Test
    void idleTrainingEpochsIdleAgainCountingTheRunsDone() {
        assertThat(said()).extracting(WorkerEvent::state, WorkerEvent::runId).containsExactly(State.IDLE, null);
        UUID run = UUID.randomUUID();

        assertThat(status.training(run)).isTrue();
        assertThat(status.epoch(run, 1, 3)).isTrue();
        assertThat(status.epoch(run, 1, 3))
                .as("the same epoch's next batch is no news")
                .isFalse();
        assertThat(status.epoch(UUID.randomUUID(), 2, 3))
                .as("another run's epoch")
                .isFalse();
        assertThat(said())
                .extracting(WorkerEvent::state, WorkerEvent::runId, WorkerEvent::epoch, WorkerEvent::epochs)
                .containsExactly(State.TRAINING, run, 1, 3);

        assertThat(status.runFinished()).isTrue();
        assertThat(said())
                .extracting(WorkerEvent::state, WorkerEvent::runId, WorkerEvent::epoch, WorkerEvent::runsDone)
                .containsExactly(State.IDLE, null, null, 1);
    }

    @Test
    void drainingKeepsTheRunInHandUntilItIsHandedBackThenGone() {
        UUID run = UUID.randomUUID();
        status.training(run);

        assertThat(status.draining()).isTrue();
        assertThat(status.draining()).isFalse();
        assertThat(said()).extracting(WorkerEvent::state, WorkerEvent::runId).containsExactly(State.DRAINING, run);
        assertThat(status.training(UUID.randomUUID()))
                .as("nothing new is trained while draining")
                .isFalse();

        status.runFinished();
        assertThat(said())
                .extracting(WorkerEvent::state, WorkerEvent::runId, WorkerEvent::runsDone)
                .containsExactly(State.DRAINING, null, 1);
        assertThat(status.gone()).isTrue();
        assertThat(status.gone()).isFalse();
        assertThat(said().state()).isEqualTo(State.GONE);
    }

    /** The announcement as the service reads it off the topic. */
    private WorkerEvent said() {
        return (WorkerEvent) MessageCodec.decodeEventMessage(MessageCodec.encode(status.announcement(WORKER)));
    }
}
