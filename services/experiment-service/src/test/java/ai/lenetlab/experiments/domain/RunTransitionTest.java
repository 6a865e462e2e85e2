package ai.lenetlab.experiments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lenetlab.contracts.api.RunProgress;
import ai.lenetlab.contracts.api.RunStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every transition from every status, without Kafka or PostgreSQL: what is allowed, and what it does. */
class RunTransitionTest {

    /** The lifecycle as the README and the issue describe it; the enum must say exactly this. */
    private static final Map<RunTransition, Set<RunStatus>> ALLOWED = Map.of(
            RunTransition.START, EnumSet.of(RunStatus.QUEUED),
            RunTransition.COMPLETE, EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING),
            RunTransition.FAIL, EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING),
            RunTransition.CANCEL, EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING),
            RunTransition.PRUNE, EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING),
            RunTransition.REQUEUE, EnumSet.of(RunStatus.QUEUED, RunStatus.RUNNING),
            RunTransition.RETRY,
                    EnumSet.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.PRUNED));

    @Test
    void everyTransitionFromEveryStatusIsAllowedOrRefusedAsTheTableSays() {
        for (RunTransition transition : RunTransition.values()) {
            for (RunStatus from : RunStatus.values()) {
                Run run = run(from);
                if (ALLOWED.get(transition).contains(from)) {
                    run.apply(transition, "why");
                    assertThat(run.status).as("%s from %s", transition, from).isEqualTo(transition.to());
                    assertThat(run.attempt)
                            .as("%s from %s: attempt", transition, from)
                            .isEqualTo(transition.newAttempt() ? 4 : 3);
                } else {
                    assertThatThrownBy(() -> run.apply(transition, "why"))
                            .as("%s from %s", transition, from)
                            .isInstanceOf(RunTransition.NotAllowed.class)
                            .hasMessageContaining(from.name());
                    assertThat(run.status).as("refused: unchanged").isEqualTo(from);
                    assertThat(run.attempt).isEqualTo(3);
                }
            }
        }
    }

    @Test
    void aNewAttemptForgetsTheLastWorker() {
        Run run = run(RunStatus.RUNNING);
        run.apply(RunTransition.REQUEUE, null);
        assertThat(run.workerId).isNull();
        assertThat(run.progress).isNull();
        assertThat(run.cancelRequested).isFalse();
        assertThat(run.startedAt).isNull();
        assertThat(run.lastHeartbeatAt).isNull();
        assertThat(run.queuedAt).isAfter(Instant.EPOCH);
    }

    @Test
    void aFinalStatusRecordsWhyAndWhen() {
        Run run = run(RunStatus.RUNNING);
        run.apply(RunTransition.FAIL, "out of memory");
        assertThat(run.error).isEqualTo("out of memory");
        assertThat(run.finishedAt).isNotNull();
        assertThat(run.progress).isNull();
        assertThat(run.workerId).as("who trained it stays known").isEqualTo("worker-a");
    }

    @Test
    void aUsersRetryGivesTheRunItsAttemptsAgain() {
        Run run = run(RunStatus.FAILED);
        run.failures = 3;
        run.losses = 2;
        run.apply(RunTransition.RETRY, null);
        assertThat(run.failures).isZero();
        assertThat(run.losses).isZero();
        assertThat(run.attempt).isEqualTo(4);
    }

    @Test
    void aRequeueKeepsTheCountsOfFailuresAndLosses() {
        Run run = run(RunStatus.RUNNING);
        run.failures = 1;
        run.losses = 2;
        run.apply(RunTransition.REQUEUE, null);
        assertThat(run.failures).isEqualTo(1);
        assertThat(run.losses).isEqualTo(2);
    }

    @Test
    void startingBeginsTheHeartbeatClock() {
        Run run = run(RunStatus.QUEUED);
        run.lastHeartbeatAt = null;
        run.apply(RunTransition.START, null);
        assertThat(run.lastHeartbeatAt).isNotNull();
        assertThat(run.status).isEqualTo(RunStatus.RUNNING);
    }

    private static Run run(RunStatus status) {
        Run run = new Run();
        run.id = UUID.randomUUID();
        run.status = status;
        run.attempt = 3;
        run.workerId = "worker-a";
        run.progress = new RunProgress(1, 2, 3, 4, 0.5, 0.5);
        run.cancelRequested = true;
        run.startedAt = Instant.EPOCH;
        run.queuedAt = Instant.EPOCH;
        run.lastHeartbeatAt = Instant.EPOCH;
        return run;
    }
}
