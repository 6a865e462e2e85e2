package ai.lenetlab.experiments.domain;

import ai.lenetlab.sweeps.SeedRace;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One trial of a sweep: the values its sampler proposed; its runs carry its index. */
@Entity
@Table(name = "sweep_trial")
public class SweepTrial extends PanacheEntityBase {

    @Embeddable
    public record Key(UUID sweepId, int trial) implements Serializable {}

    @EmbeddedId
    public Key key;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "trial_values")
    public Map<String, Object> values;

    /** The last epoch early stopping judged this trial at (0: not yet); see the sweep scheduler. */
    @Column(name = "judged_epoch")
    public int judgedEpoch;

    /** Seed racing: the seeds the race gave it beyond the plan's first {@code min}. */
    @Column(name = "extra_seeds")
    public int extraSeeds;

    /** Seed racing: the last epoch the race judged it at (0: not yet). */
    @Column(name = "raced_epoch")
    public int racedEpoch;

    /** Seed racing: its verdict when its seeds were done; null before. A STOP is final. */
    @Enumerated(EnumType.STRING)
    @Column(name = "race_verdict")
    public SeedRace.Verdict raceVerdict;

    /** Seed racing: why it gets no more seeds; null while it may. */
    @Column(name = "seed_stop_reason")
    public String seedStopReason;

    public static List<SweepTrial> of(UUID sweepId) {
        return list("key.sweepId = ?1 order by key.trial", sweepId);
    }
}
