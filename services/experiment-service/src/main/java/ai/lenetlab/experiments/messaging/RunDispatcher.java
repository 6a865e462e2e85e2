package ai.lenetlab.experiments.messaging;

import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.RunControl;
import ai.lenetlab.messaging.RunRequest;
import ai.lenetlab.messaging.Topics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes run requests and cancellations, waiting for the broker's acknowledgement so that a
 * request the broker did not take fails the surrounding transaction instead of vanishing.
 *
 * <p>Not a MutinyEmitter (the worker's EventPublisher is one): with its Uni awaited inside the JTA
 * transaction, ApiFuzzTest saw one commit in a thousand fail with "Enlisted connection used without
 * active transaction" (likely Mutiny's context propagation taking the transaction to Kafka's thread).
 * A plain ack callback completing a future involves no context propagation.
 *
 * <p>Requests are keyed by run id; the topic's one partition keeps them in the order sent, and the
 * workers' share group hands each to whichever worker asks next ({@link Topics#RUN_REQUEST_PARTITIONS}).
 */
@ApplicationScoped
public class RunDispatcher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    /** Room for a whole experiment's requests (at most 200 runs) from a few users at once. */
    @Inject
    @Channel("run-requests")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<String> requests;

    @Inject
    @Channel("run-control")
    Emitter<String> control;

    public void requestTraining(Run run) {
        requestTraining(List.of(run));
    }

    /** Publishes all requests, then waits until Kafka has every one: an experiment's runs go out together. */
    public void requestTraining(List<Run> runs) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (Run run : runs) {
            RunRequest request = RunRequest.of(run.id, run.attempt, run.attemptSecret, run.config);
            acks.add(send(requests, run.id.toString(), MessageCodec.encode(request)));
        }
        await(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)));
    }

    public void requestCancel(Run run) {
        await(send(control, run.id.toString(), MessageCodec.encode(RunControl.cancel(run.id, run.attempt))));
    }

    /** Stops a second delivery of the run's attempt on the worker that took it too. */
    public void stopDuplicate(Run run, String workerId) {
        await(send(
                control,
                run.id.toString(),
                MessageCodec.encode(RunControl.stopDuplicate(run.id, run.attempt, workerId))));
    }

    private static CompletableFuture<Void> send(Emitter<String> emitter, String key, String payload) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key)
                        .build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return acked;
    }

    private static void await(CompletableFuture<Void> acked) {
        try {
            acked.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new MessagingUnavailableException("Kafka did not accept the message: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingUnavailableException("interrupted while publishing", e);
        }
    }
}
