package ai.lenetlab.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A run counts as lost once no event was acknowledged for longer than the limit, and stays lost. */
class ContactTest {

    @Test
    void acknowledgedEventsKeepARunInContact() {
        RunTrainer.Contact contact = new RunTrainer.Contact(Duration.ofMinutes(1));
        contact.track(CompletableFuture.completedFuture(null));
        assertThat(contact.lost()).isFalse();
    }

    @Test
    void silenceOverTheLimitLosesTheRunForGood() throws InterruptedException {
        RunTrainer.Contact contact = new RunTrainer.Contact(Duration.ofMillis(50));
        CompletableFuture<Void> late = new CompletableFuture<>();
        contact.track(late);
        Thread.sleep(120);
        assertThat(contact.lost()).isTrue();
        late.complete(null); // the network came back and the broker acknowledged at last
        assertThat(contact.lost())
                .as("an acknowledgement after the limit does not bring the run back")
                .isTrue();
    }
}
