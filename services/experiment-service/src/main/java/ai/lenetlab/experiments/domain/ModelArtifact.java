package ai.lenetlab.experiments.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The trained parameters of a completed run (DJL format), for download. */
@Entity
@Table(name = "model_artifact")
public class ModelArtifact extends PanacheEntityBase {

    @Id
    public UUID runId;

    public int attempt;
    public String sha256;
    public long sizeBytes;

    @Basic(fetch = FetchType.LAZY)
    public byte[] data;
}
