package ai.lenetlab.experiments.domain;

import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.RunEnvironment;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The final results of a completed run (of its latest completed attempt). */
@Entity
@Table(name = "run_result")
public class RunResultRow extends PanacheEntityBase {

    @Id
    public UUID runId;

    public int attempt;

    @JdbcTypeCode(SqlTypes.JSON)
    public int[][] confusionMatrix;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Double> perClassAccuracy;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<PredictionSample> predictions;

    public double totalSeconds;

    /** Every test image's true and predicted class, a byte each (TestPredictions); null for older runs. */
    public byte[] testPredictions;

    /** What the run trained on, as its worker reported it; null for older runs. */
    @JdbcTypeCode(SqlTypes.JSON)
    public RunEnvironment environment;
}
