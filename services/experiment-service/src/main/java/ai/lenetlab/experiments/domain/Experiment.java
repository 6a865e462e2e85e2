package ai.lenetlab.experiments.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A named set of runs submitted together. */
@Entity
public class Experiment extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;
    public String description;
    public Instant createdAt;
    /** The user who submitted it; null for experiments from before users existed. */
    public String owner;

    @OneToMany(mappedBy = "experiment", cascade = CascadeType.ALL)
    @OrderBy("ordinal")
    public List<Run> runs = new ArrayList<>();
}
