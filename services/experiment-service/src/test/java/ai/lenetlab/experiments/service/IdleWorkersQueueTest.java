package ai.lenetlab.experiments.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.experiments.TestUsers;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.Topics;
import ai.lenetlab.messaging.WorkerEvent;
import ai.lenetlab.messaging.WorkerEvent.State;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The lab hands a run to Kafka only for a worker that is idle, as the workers announce themselves
 * on the real broker: the rest wait in the lab's own queue, in its order, until a worker is free.
 * With the default of 12 handed-out runs at most, which alone would hand out all three at once.
 */
@QuarkusTest
@TestProfile(IdleWorkersQueueTest.DefaultSlots.class)
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class IdleWorkersQueueTest extends BrokerTest {

    public static class DefaultSlots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lenetlab.queue.max-in-flight", "12");
        }
    }

    @Test
    void aRunIsHandedOutForEachIdleWorkerOnly() {
        WorkerEvent.Identity first = worker("first");
        announce(first, State.IDLE, null, 0);
        await().atMost(WAIT).until(() -> idleWorkers() == 1);

        TestUsers.signInAsAdmin();
        List<UUID> runs = TestRuns.submit("three runs, one idle worker", 3);
        await().atMost(WAIT).until(() -> handedOut(runs).size() == 1);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> handedOut(runs).size() == 1);
        UUID firstRun = handedOut(runs).get(0);
        assertThat(firstRun).as("the oldest goes first").isEqualTo(runs.get(0));

        // a second worker comes: one more run for it, the third still waits in the lab
        WorkerEvent.Identity second = worker("second");
        announce(second, State.IDLE, null, 0);
        await().atMost(WAIT).until(() -> handedOut(runs).size() == 2);

        // the first worker takes its run and trains: no slot frees
        TestRuns.publish(
                kafka,
                RunEvent.started(firstRun, 1, TestRuns.secret(firstRun), first.workerId(), "cpu()", 61706, List.of()));
        announce(first, State.TRAINING, firstRun, 0);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> handedOut(runs).size() == 2);

        // it is done and idle again: the third run goes
        TestRuns.complete(kafka, firstRun, 1, first.workerId(), TestRuns.result());
        announce(first, State.IDLE, null, 1);
        await().atMost(WAIT).until(() -> handedOut(runs).size() == 3);
    }

    private static WorkerEvent.Identity worker(String name) {
        return new WorkerEvent.Identity(name + "-" + UUID.randomUUID(), "host-a", "cpu", 1, Instant.now());
    }

    private void announce(WorkerEvent.Identity worker, State state, UUID run, int runsDone) {
        kafka.send(
                Topics.RUN_EVENTS,
                worker.workerId(),
                MessageCodec.encode(
                        WorkerEvent.of(worker, state, run, run == null ? null : 1, run == null ? null : 5, runsDone)));
    }

    private static long idleWorkers() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ai.lenetlab.experiments.domain.Worker.count("state", "idle"));
    }

    /** Which of these runs the lab has handed to the workers, oldest first. */
    private static List<UUID> handedOut(List<UUID> runs) {
        return QuarkusTransaction.requiringNew()
                .call(() -> runs.stream()
                        .filter(id -> Run.<Run>findById(id).dispatchedAt != null)
                        .toList());
    }
}
