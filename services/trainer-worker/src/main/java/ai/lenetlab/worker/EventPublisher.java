package ai.lenetlab.worker;

import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.RunEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Publishes run events keyed by run id, so that one run's events stay in order. */
@ApplicationScoped
class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    @Inject
    @Channel("run-events")
    Emitter<String> events;

    /** Sends without waiting: progress and heartbeats. */
    CompletableFuture<Void> publish(RunEvent event) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        events.send(Message.of(MessageCodec.encode(event))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.runId().toString()).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    LOG.warnf("%s of run %s not published: %s", event.type(), event.runId(), failure.toString());
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }

    /** Sends and waits for the broker: STARTED, epochs and final events must not be lost. */
    void publishAndWait(RunEvent event) {
        try {
            publish(event).get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event.type() + " of run " + event.runId(), e);
        }
    }
}
