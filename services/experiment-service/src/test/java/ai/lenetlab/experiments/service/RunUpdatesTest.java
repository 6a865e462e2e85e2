package ai.lenetlab.experiments.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.experiments.BrokerTest;
import ai.lenetlab.experiments.TestRuns;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.messaging.RunUpdates;
import ai.lenetlab.infra.KafkaAndPostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Pages refetch a run when its news arrives, so the news must not arrive before the change is in the
 * database: a browser test saw the report page stop at "9 of 10 runs are done" when the last run's
 * COMPLETED reached it before its transaction had committed and the refetch read the old status.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaAndPostgresResource.class, restrictToAnnotatedClass = false)
class RunUpdatesTest extends BrokerTest {

    @Inject
    RunUpdates updates;

    @Inject
    RunLifecycle lifecycle;

    @Test
    void aRunsChangeIsAnnouncedOnlyOnceItIsCommitted() {
        UUID id = TestRuns.submit("announced after commit", 1).get(0);
        List<RunSummary> heard = new CopyOnWriteArrayList<>();
        Cancellable listening =
                updates.stream().filter(s -> s.id().equals(id)).subscribe().with(heard::add);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                lifecycle.cancel(Run.lockById(id));
                assertThat(heard).as("nothing before the commit").isEmpty();
            });
            await().atMost(WAIT).until(() -> !heard.isEmpty());
            assertThat(heard.get(heard.size() - 1).status().name()).isEqualTo("CANCELLED");
        } finally {
            listening.cancel();
        }
    }
}
