package ai.lenetlab.sweeps;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's trials with each seed's objective per epoch — what the samplers and pruners judge, built
 * by the service from stored epochs and by the CLI as it trains. A trial is judged by its seeds' mean.
 */
public final class TrialTable {

    /**
     * @param seeds each seed's objective values by epoch (index epoch − 1), as measured (not yet scored)
     * @param finished all its runs have ended: it can inform the sampler
     */
    public record Trial(int index, Map<String, Object> values, List<List<Double>> seeds, boolean finished) {}

    private final SweepPlan plan;
    private final List<Trial> trials;

    public TrialTable(SweepPlan plan, List<Trial> trials) {
        this.plan = plan;
        this.trials = List.copyOf(trials);
    }

    /** The finished trials and their scores: the mean of their seeds' last values (higher is better). */
    public List<Sampler.Observation> observations() {
        List<Sampler.Observation> finished = new ArrayList<>();
        for (Trial trial : trials) {
            double[] last = trial.seeds().stream()
                    .filter(curve -> !curve.isEmpty())
                    .mapToDouble(curve -> plan.score(curve.get(curve.size() - 1)))
                    .toArray();
            if (trial.finished() && last.length > 0) {
                finished.add(new Sampler.Observation(
                        trial.values(), java.util.Arrays.stream(last).average().orElseThrow()));
            }
        }
        return finished;
    }

    /**
     * What the seed race judges at rung {@code epoch}: each trial's seeds' best score up to it
     * ({@link SeedRace#bestSoFar}), of the trials with a seed that has reached it.
     */
    public Map<String, double[]> atRung(int epoch) {
        Map<String, double[]> rung = new LinkedHashMap<>();
        for (Trial trial : trials) {
            List<List<Double>> scored = trial.seeds().stream()
                    .map(curve -> curve.stream().map(plan::score).toList())
                    .toList();
            double[] best = SeedRace.bestSoFar(scored, epoch);
            if (best.length > 0) {
                rung.put(String.valueOf(trial.index()), best);
            }
        }
        return rung;
    }

    /** Each trial's seeds' scores at {@code epoch}, of the trials with a seed that has reached it. */
    public Map<String, double[]> atEpoch(int epoch) {
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (Trial trial : trials) {
            double[] at = trial.seeds().stream()
                    .filter(curve -> curve.size() >= epoch)
                    .mapToDouble(curve -> plan.score(curve.get(epoch - 1)))
                    .toArray();
            if (at.length > 0) {
                scores.put(String.valueOf(trial.index()), at);
            }
        }
        return scores;
    }

    /**
     * Each trial's score per epoch (by its index as text): the mean over the seeds that have the epoch;
     * completed are the finished trials that trained all their epochs (not stopped, not failed).
     */
    public TrialScores scores() {
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        Set<String> completed = new HashSet<>();
        for (Trial trial : trials) {
            int longest = trial.seeds().stream().mapToInt(List::size).max().orElse(0);
            List<Double> means = new ArrayList<>();
            for (int e = 0; e < longest; e++) {
                int epoch = e;
                means.add(trial.seeds().stream()
                        .filter(curve -> curve.size() > epoch)
                        .mapToDouble(curve -> plan.score(curve.get(epoch)))
                        .average()
                        .orElseThrow());
            }
            scores.put(String.valueOf(trial.index()), means);
            if (trial.finished() && longest >= plan.config(trial.values(), 1).epochs()) {
                completed.add(String.valueOf(trial.index()));
            }
        }
        return new TrialScores(scores, completed);
    }
}
