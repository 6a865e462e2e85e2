package ai.lenetlab.worker;

import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.PoisonMessageException;
import ai.lenetlab.messaging.RunControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Cancellations: the run stops before its next batch, on whichever worker holds it. */
@ApplicationScoped
class RunControlConsumer {

    private static final Logger LOG = Logger.getLogger(RunControlConsumer.class);

    @Inject
    ActiveRuns runs;

    @Inject
    WorkerConfig config;

    @Incoming("run-control")
    void consume(String payload) {
        RunControl control;
        try {
            control = MessageCodec.decodeControl(payload);
        } catch (PoisonMessageException e) {
            LOG.warnf("control message sent to the dead-letter topic: %s", e.getMessage());
            throw e;
        }
        boolean forThisWorker = control.workerId() == null || control.workerId().equals(config.id());
        if (control.action() == RunControl.Action.CANCEL && forThisWorker) {
            runs.cancel(control.runId(), control.attempt());
        }
    }
}
