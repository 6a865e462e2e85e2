package ai.lenetlab.worker;

import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.PoisonMessageException;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.RunEventType;
import ai.lenetlab.messaging.RunRequest;
import ai.lenetlab.messaging.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Takes run requests from the workers' share group, one at a time, once the worker is warmed up:
 * whichever worker is idle gets the next request. A request is accepted once its STARTED event is
 * on the broker (not when the run ends: see README, "Long runs vs. Kafka"), released untouched
 * when the worker shuts down before starting it, and rejected to the dead-letter topic when it
 * cannot be read.
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
    DeadLetters deadLetters;

    @Inject
    WorkerConfig config;

    @Inject
    WorkerLifetime lifetime;

    @Inject
    WorkerAnnouncements announcements;

    @Inject
    @Readiness // its qualifier as a health check
    WarmUp warmUp;

    /** The Kafka client settings SmallRye's channels use too ({@code kafka.*}: servers, security). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile ShareGroupRequests requests;

    void start(@Observes StartupEvent event) {
        warmUp.finished()
                .thenRun(() -> {
                    if (runs.isShuttingDown()) {
                        return; // stopped while warming up
                    }
                    TrainersGroupSetup.prepare(kafka, Topics.RUN_REQUESTS, Topics.TRAINERS);
                    requests = new ShareGroupRequests(
                                    kafka, Topics.RUN_REQUESTS, Topics.TRAINERS, config.id(), this::handle)
                            .start();
                })
                .exceptionally(
                        e -> { // a worker that never joins the group must say why
                            LOG.errorf(
                                    e,
                                    "this worker takes no run requests: joining share group %s failed",
                                    Topics.TRAINERS);
                            return null;
                        });
    }

    /** Takes no further request; returns at once. */
    void stopTaking() {
        ShareGroupRequests current = requests;
        if (current != null) {
            current.stopTaking();
        }
    }

    /** Takes no further request; the one in hand (if any) is finished or released first. */
    void stop() {
        ShareGroupRequests current = requests;
        if (current != null) {
            current.close(config.releaseTimeout());
        }
    }

    AcknowledgeType handle(ConsumerRecord<String, String> record, Runnable accept) {
        RunRequest request;
        try {
            request = MessageCodec.decodeRequest(record.value());
        } catch (PoisonMessageException e) {
            LOG.warnf("run request sent to the dead-letter topic: %s", e.getMessage());
            return deadLetters.send(record, e) ? AcknowledgeType.REJECT : AcknowledgeType.RELEASE;
        }
        LOG.infof(
                "run %s attempt %d taken (%s-%d@%d, delivery %d)",
                request.runId(),
                request.attempt(),
                record.topic(),
                record.partition(),
                record.offset(),
                record.deliveryCount().orElse((short) 1));
        if (runs.isShuttingDown()) {
            return AcknowledgeType.RELEASE; // another worker takes it at once
        }
        if (!runs.take(request.runId(), request.attempt())) {
            LOG.infof("attempt %d of run %s was already taken here; skipped", request.attempt(), request.runId());
            return AcknowledgeType.ACCEPT;
        }
        lifetime.runStarted();
        announcements.training(request.runId());
        try {
            if (runs.isCancelled(request.runId(), request.attempt())) {
                events.publishAndWait(RunEvent.ended(
                        RunEventType.CANCELLED,
                        request.runId(),
                        request.attempt(),
                        request.attemptSecret(),
                        config.id(),
                        "cancelled before it started"));
                return AcknowledgeType.ACCEPT;
            }
            // accepted when STARTED is on the broker, or when training ends without it (it reported why)
            trainer.train(request, accept);
            return AcknowledgeType.ACCEPT;
        } finally {
            runs.finished(request.runId());
            lifetime.runFinished();
            announcements.runFinished();
        }
    }
}
