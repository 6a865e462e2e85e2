package ai.lenetlab.experiments;

import ai.lenetlab.infra.KafkaAndPostgresResource;
import ai.lenetlab.infra.KafkaTestClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A service test that puts workers' events on the real broker and reads what the service sends, as the admin. */
public abstract class BrokerTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);

    protected KafkaTestClient kafka;

    @BeforeEach
    void connectToTheBroker() {
        TestUsers.signInAsAdmin();
        kafka = new KafkaTestClient(KafkaAndPostgresResource.kafka().bootstrapServers());
    }

    @AfterEach
    void disconnectFromTheBroker() {
        kafka.close();
        TestUsers.signOut();
    }
}
