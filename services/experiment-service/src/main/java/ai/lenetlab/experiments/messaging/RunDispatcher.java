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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes run requests and cancellations, waiting for the broker's acknowledgement so that a
 * request the broker did not take fails the surrounding transaction instead of vanishing.
 *
 * <p>Requests are keyed by run id and spread over the partitions in turn: with a round-robin
 * partition assignment among workers, consecutive runs land on different workers even when there
 * are few of them.
 */
@ApplicationScoped
public class RunDispatcher {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final AtomicInteger nextPartition = new AtomicInteger();

    @Inject
    @Channel("run-requests")
    Emitter<String> requests;

    @Inject
    @Channel("run-control")
    Emitter<String> control;

    public void requestTraining(Run run) {
        RunRequest request = RunRequest.of(run.id, run.attempt, run.config);
        int partition = Math.floorMod(nextPartition.getAndIncrement(), Topics.RUN_REQUEST_PARTITIONS);
        send(requests, run.id.toString(), MessageCodec.encode(request), partition);
    }

    public void requestCancel(Run run) {
        send(control, run.id.toString(), MessageCodec.encode(RunControl.cancel(run.id)), -1);
    }

    private static void send(Emitter<String> emitter, String key, String payload, int partition) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (partition >= 0) {
            metadata.withPartition(partition);
        }
        emitter.send(Message.of(payload)
                .addMetadata(metadata.build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
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
