package ai.lenetlab.worker;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Puts a record nobody can use on the dead-letter topic, with the same headers as SmallRye's
 * dead-letter strategy (reason, cause, where it came from).
 */
@ApplicationScoped
class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    @Channel("dead-letter")
    MutinyEmitter<String> deadLetters;

    /** @return whether the broker has it */
    boolean send(ConsumerRecord<String, String> record, Exception reason) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, "dead-letter-reason", String.valueOf(reason.getMessage()));
        header(headers, "dead-letter-cause", reason.getClass().getName());
        header(headers, "dead-letter-topic", record.topic());
        header(headers, "dead-letter-partition", String.valueOf(record.partition()));
        header(headers, "dead-letter-offset", String.valueOf(record.offset()));
        try {
            deadLetters
                    .sendMessage(Message.of(record.value() == null ? "" : record.value())
                            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                                    .withKey(record.key())
                                    .withHeaders(headers)
                                    .build()))
                    .await()
                    .atMost(Duration.ofMinutes(1));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("could not write to the dead-letter topic (%s); the record goes back to the queue", e.toString());
            return false;
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
