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
 * topic; everything else is applied by {@link RunEventHandler}.
 */
@ApplicationScoped
class RunEventConsumer {

    private static final Logger LOG = Logger.getLogger(RunEventConsumer.class);

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
        handler.apply(event);
    }
}
