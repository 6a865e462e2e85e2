package ai.lenetlab.experiments.messaging;

import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.PoisonMessageException;
import ai.lenetlab.messaging.RunEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads the workers' events. Unreadable ones are nacked, which sends them to the dead-letter
 * topic; everything else is applied by {@link RunEventHandler}, in order.
 */
@ApplicationScoped
class RunEventConsumer {

    private static final Logger LOG = Logger.getLogger(RunEventConsumer.class);
    /** An event that arrives before its run's transaction commits waits up to 5 s for it. */
    private static final int EARLY_RETRIES = 50;
    private static final long EARLY_RETRY_DELAY_MS = 100;

    @Inject
    RunEventHandler handler;

    @Incoming("run-events")
    @Blocking
    void consume(String payload) {
        RunEvent event;
        try {
            event = MessageCodec.decodeEvent(payload);
        } catch (PoisonMessageException e) {
            LOG.warnf("run event sent to the dead-letter topic: %s", e.getMessage());
            throw e;
        }
        for (int tries = 1; handler.apply(event) == RunEventHandler.Outcome.TOO_EARLY; tries++) {
            if (tries == EARLY_RETRIES) {
                LOG.warnf("%s of attempt %d of run %s ignored: no such run or attempt", event.type(), event.attempt(),
                        event.runId());
                return;
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(EARLY_RETRY_DELAY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
