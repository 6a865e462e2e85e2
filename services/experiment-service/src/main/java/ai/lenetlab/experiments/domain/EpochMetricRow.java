package ai.lenetlab.experiments.domain;

import ai.lenetlab.contracts.EpochMetrics;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;

/** One epoch of one attempt; written with an upsert so that replayed events change nothing. */
@Entity
@Table(name = "epoch_metric")
public class EpochMetricRow extends PanacheEntityBase {

    @Embeddable
    public record Key(UUID runId, int attempt, int epoch) implements Serializable {}

    @EmbeddedId
    public Key key;

    public double trainLoss;
    public double trainAccuracy;
    public double testLoss;
    public double testAccuracy;
    public double learningRate;
    public double seconds;
    public double examplesPerSecond;

    public EpochMetrics toMetrics() {
        return new EpochMetrics(
                key.epoch(),
                trainLoss,
                trainAccuracy,
                testLoss,
                testAccuracy,
                learningRate,
                seconds,
                examplesPerSecond);
    }

    /** The epochs of a run's attempt, in order. */
    public static List<EpochMetrics> of(UUID runId, int attempt) {
        return EpochMetricRow.<EpochMetricRow>list(
                        "key.runId = ?1 and key.attempt = ?2 order by key.epoch", runId, attempt)
                .stream()
                .map(EpochMetricRow::toMetrics)
                .toList();
    }

    /** The epochs of each run's current attempt, in order, in one query (lists and comparisons show hundreds). */
    public static Map<UUID, List<EpochMetrics>> curvesOf(List<Run> runs) {
        Map<UUID, Integer> attempts = new HashMap<>();
        Map<UUID, List<EpochMetrics>> curves = new LinkedHashMap<>();
        runs.forEach(run -> {
            attempts.put(run.id, run.attempt);
            curves.put(run.id, new ArrayList<>());
        });
        if (runs.isEmpty()) {
            return curves;
        }
        EpochMetricRow.<EpochMetricRow>find("key.runId in ?1 order by key.epoch", attempts.keySet())
                .withHint(HibernateHints.HINT_READ_ONLY, true) // nothing to check for changes at commit
                .stream()
                .filter(row -> row.key.attempt() == attempts.get(row.key.runId()))
                .forEach(row -> curves.get(row.key.runId()).add(row.toMetrics()));
        return curves;
    }

    /** The newest epoch of each run's current attempt, where it has one. */
    public static Map<UUID, EpochMetrics> lastOf(List<Run> runs) {
        Map<UUID, EpochMetrics> last = new HashMap<>();
        curvesOf(runs).forEach((id, curve) -> {
            if (!curve.isEmpty()) {
                last.put(id, curve.get(curve.size() - 1));
            }
        });
        return last;
    }

    /** The first and last epoch an attempt reported. */
    public record Range(int from, int to) {}

    /** The epochs each attempt of a run reported, by attempt (attempts without an epoch left out). */
    public static Map<Integer, Range> rangesOf(UUID runId) {
        Map<Integer, Range> ranges = new HashMap<>();
        getEntityManager()
                .createQuery(
                        "select e.key.attempt, min(e.key.epoch), max(e.key.epoch) from EpochMetricRow e"
                                + " where e.key.runId = ?1 group by e.key.attempt",
                        Object[].class)
                .setParameter(1, runId)
                .getResultList()
                .forEach(row -> ranges.put((Integer) row[0], new Range((Integer) row[1], (Integer) row[2])));
        return ranges;
    }

    /** Inserts or overwrites the row of (run, attempt, epoch). */
    public static void upsert(UUID runId, int attempt, EpochMetrics m) {
        getEntityManager()
                .createNativeQuery("""
                insert into epoch_metric (run_id, attempt, epoch, train_loss, train_accuracy, test_loss,
                    test_accuracy, learning_rate, seconds, examples_per_second)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                on conflict (run_id, attempt, epoch) do update set train_loss = excluded.train_loss,
                    train_accuracy = excluded.train_accuracy, test_loss = excluded.test_loss,
                    test_accuracy = excluded.test_accuracy, learning_rate = excluded.learning_rate,
                    seconds = excluded.seconds, examples_per_second = excluded.examples_per_second
                """)
                .setParameter(1, runId)
                .setParameter(2, attempt)
                .setParameter(3, m.epoch())
                .setParameter(4, m.trainLoss())
                .setParameter(5, m.trainAccuracy())
                .setParameter(6, m.testLoss())
                .setParameter(7, m.testAccuracy())
                .setParameter(8, m.learningRate())
                .setParameter(9, m.seconds())
                .setParameter(10, m.examplesPerSecond())
                .executeUpdate();
    }
}
