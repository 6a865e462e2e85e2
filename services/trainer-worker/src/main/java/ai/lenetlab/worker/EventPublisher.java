package ai.lenetlab.worker;

import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.WorkerEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes run events keyed by run id, so that one run's events stay in order, and the worker's
 * announcements keyed by its id.
 */
@ApplicationScoped
class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    @Inject
    @Channel("run-events")
    MutinyEmitter<String> events;

    /** Sends without waiting: progress and heartbeats. The future completes on the broker's ack. */
    CompletableFuture<Void> publish(RunEvent event) {
        return events.sendMessage(Message.of(MessageCodec.encode(event))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(event.runId().toString())
                                .build()))
                .onFailure()
                .invoke(failure ->
                        LOG.warnf("%s of run %s not published: %s", event.type(), event.runId(), failure.toString()))
                .subscribeAsCompletionStage();
    }

    /** Sends a worker's announcement keyed by worker id, without waiting. */
    CompletableFuture<Void> publish(WorkerEvent announcement) {
        return events.sendMessage(Message.of(MessageCodec.encode(announcement))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                .withKey(announcement.workerId())
                                .build()))
                .onFailure()
                .invoke(failure -> LOG.debugf("worker announcement not published: %s", failure.toString()))
                .subscribeAsCompletionStage();
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
