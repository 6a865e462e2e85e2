package ai.lenetlab.experiments.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;

/**
 * A trainer worker as its announcements described it ({@code WorkerEvent}). {@code state} is what it
 * said: idle, training or draining; whether it is lost is a matter of {@code lastHeartbeatAt}.
 */
@Entity
public class Worker extends PanacheEntityBase {

    @Id
    public String id;

    public String host;
    public String device;
    public int threads;
    public String state;
    public UUID runId;
    public Integer epoch;
    public Integer epochs;
    public int runsDone;

    /** When the worker process started, by its own clock: another value is another process of the same id. */
    public Instant startedAt;

    /** The worker's time on the newest announcement applied. */
    public Instant announcedAt;

    public Instant firstSeenAt;
    public Instant lastHeartbeatAt;

    /** Since when it trains the run in hand; null while it does not. */
    public Instant busySince;

    public static Worker lockById(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
