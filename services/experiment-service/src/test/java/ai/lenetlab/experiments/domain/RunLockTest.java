package ai.lenetlab.experiments.domain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Why the queue, the sweep scheduler and sweep cancel lock runs they have read with {@link Run#relock}:
 * a run read earlier in a transaction and then locked by id keeps its old state, which another
 * transaction may have changed meanwhile (a worker's COMPLETED, a user's cancel) — deciding on it
 * would overwrite that change.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class RunLockTest extends BrokerTest {

    @Test
    void relockSeesWhatAnotherTransactionChangedSinceTheRead() {
        UUID id = TestRuns.submit("relock", 1).get(0);
        QuarkusTransaction.requiringNew().run(() -> {
            Run read = Run.findById(id);
            assertThat(read.status).isEqualTo(RunStatus.QUEUED);
            CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                            .run(() -> Run.lockById(id).apply(RunTransition.CANCEL, "cancelled meanwhile")))
                    .join();

            assertThat(Run.lockById(id).status)
                    .as("locked by id: the state read before")
                    .isEqualTo(RunStatus.QUEUED);
            assertThat(Run.relock(read).status).as("relocked: the state now").isEqualTo(RunStatus.CANCELLED);
        });
    }
}
