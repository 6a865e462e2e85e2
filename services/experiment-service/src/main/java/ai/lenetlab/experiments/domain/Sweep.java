package ai.lenetlab.experiments.domain;

import ai.lenetlab.sweeps.SweepSpec;
import ai.lenetlab.sweeps.SweepStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToOne;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A search over a config space; its runs are in {@link #experiment}, in trials ({@link SweepTrial}). */
@Entity
public class Sweep extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Experiment experiment;

    public String name;
    public String owner;

    @JdbcTypeCode(SqlTypes.JSON)
    public SweepSpec spec;

    @Enumerated(EnumType.STRING)
    public SweepStatus status;

    public Instant createdAt;
    public Instant finishedAt;

    /** Reads the sweep and locks it until the transaction ends: one scheduler decision at a time. */
    public static Sweep lockById(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
