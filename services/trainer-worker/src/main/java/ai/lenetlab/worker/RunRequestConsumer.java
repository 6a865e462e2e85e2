package ai.lenetlab.worker;

import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.PoisonMessageException;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.RunEventType;
import ai.lenetlab.messaging.RunRequest;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes run requests, one at a time unless configured otherwise. An unreadable request is nacked (dead-letter topic) and the
 * worker goes on; a request is acknowledged once its STARTED event is published, not when the
 * run ends (see application.properties).
 */
@ApplicationScoped
class RunRequestConsumer {

    private static final Logger LOG = Logger.getLogger(RunRequestConsumer.class);

    @Inject
    RunTrainer trainer;

    @Inject
    ActiveRuns runs;

    @Inject
    EventPublisher events;

    @Inject
    WorkerConfig config;

    @Inject
    WorkerLifetime lifetime;

    /** Runs on the "training" worker pool, one run at a time (see application.properties). */
    @Incoming("run-requests")
    @Blocking(value = "training", ordered = false)
    CompletionStage<Void> consume(Message<String> message) {
        RunRequest request;
        try {
            request = MessageCodec.decodeRequest(message.getPayload());
        } catch (PoisonMessageException e) {
            LOG.warnf("run request sent to the dead-letter topic: %s", e.getMessage());
            return message.nack(e);
        }
        if (!runs.take(request.runId(), request.attempt())) {
            LOG.infof("attempt %d of run %s was already taken here; skipped", request.attempt(), request.runId());
            return message.ack();
        }
        lifetime.runStarted();
        try {
            if (runs.isCancelled(request.runId(), request.attempt())) {
                events.publishAndWait(RunEvent.ended(
                        RunEventType.CANCELLED,
                        request.runId(),
                        request.attempt(),
                        request.attemptSecret(),
                        config.id(),
                        "cancelled before it started"));
                return message.ack();
            }
            // acknowledged exactly once, here: when STARTED is on the broker, or when training ends without it
            AtomicBoolean acked = new AtomicBoolean();
            CompletableFuture<Void> ack = new CompletableFuture<>();
            trainer.train(request, () -> {
                if (acked.compareAndSet(false, true)) {
                    message.ack().whenComplete((ok, failure) -> ack.complete(null));
                }
            });
            return ack;
        } finally {
            runs.finished(request.runId());
            lifetime.runFinished();
        }
    }
}
