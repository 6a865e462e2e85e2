package ai.lenetlab.experiments.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** A stretch of time a worker spent training one run: what its utilisation adds up. */
@Entity
public class WorkerBusySpan extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String workerId;
    public Instant startedAt;
    public Instant endedAt;

    public static WorkerBusySpan of(String workerId, Instant startedAt, Instant endedAt) {
        WorkerBusySpan span = new WorkerBusySpan();
        span.workerId = workerId;
        span.startedAt = startedAt;
        span.endedAt = endedAt;
        return span;
    }
}
