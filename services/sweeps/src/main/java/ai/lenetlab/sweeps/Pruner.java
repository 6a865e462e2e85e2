package ai.lenetlab.sweeps;

import java.util.Locale;
import java.util.Optional;

/**
 * Early stopping at epoch boundaries, decided from stored epoch scores alone (so a restarted service
 * decides the same): should this trial stop now, and why? Whatever the rule, a trial whose score is
 * not finite (a diverged run's NaN loss) stops at once: it ranks worst and will not recover.
 */
public interface Pruner {

    /** The reason every rule gives a trial whose score is not finite. */
    String DIVERGED = "diverged (NaN)";

    /** Where a trial stops and why, in words for the sweep's page. */
    record Stop(int epoch, String reason) {

        /** "stopped early at epoch 2 (median): its best 0.6100 < median …"; a divergence names no rule. */
        public String words(String rule) {
            String by = reason.equals(DIVERGED) ? "" : " (" + rule + ")";
            return "stopped early at epoch " + epoch + by + ": " + reason;
        }
    }

    /**
     * Why the trial should stop now that it has finished {@code epoch}, or empty to let it go on.
     *
     * @param trial the trial judged (its index as text)
     * @param scores every trial's score per epoch; a trial with several seeds is judged by the mean
     *     of the seeds that have finished the epoch
     */
    Optional<String> judge(String trial, int epoch, TrialScores scores);

    default boolean shouldStop(String trial, int epoch, TrialScores scores) {
        return judge(trial, epoch, scores).isPresent();
    }

    /**
     * The first epoch after {@code judged} up to {@code reached} at which the trial should stop, if
     * any. A service that could not look at every epoch (it was restarted, events came in a burst)
     * still judges the ones it missed — a rung is never skipped.
     */
    default Optional<Stop> firstStop(String trial, int judged, int reached, TrialScores scores) {
        for (int epoch = judged + 1; epoch <= reached; epoch++) {
            Optional<String> reason = judge(trial, epoch, scores);
            if (reason.isPresent()) {
                return Optional.of(new Stop(epoch, reason.get()));
            }
        }
        return Optional.empty();
    }

    static Pruner of(SweepPlan plan) {
        Pruner rule = switch (plan.rule()) {
            case NONE -> (trial, epoch, scores) -> Optional.empty();
            case MEDIAN -> new MedianPruner(plan.minEpochs(), plan.startupTrials(), plan.warmupEpochs(), plan.goal());
            case ASHA -> new AshaPruner(plan.minEpochs(), plan.reductionFactor(), plan.goal());
        };
        return (trial, epoch, scores) -> {
            Double own = scores.at(trial, epoch);
            return own != null && own == Double.NEGATIVE_INFINITY
                    ? Optional.of(DIVERGED)
                    : rule.judge(trial, epoch, scores);
        };
    }

    /** A score as the objective it stands for, for a reason's words (scores of a loss are negated). */
    static String objective(double score, SweepSpec.Goal goal) {
        return String.format(Locale.ROOT, "%.4f", goal == SweepSpec.Goal.MIN ? -score : score);
    }

    /** "<" where higher is better, ">" for a loss: how the stopped trial's value compares. */
    static String worseThan(SweepSpec.Goal goal) {
        return goal == SweepSpec.Goal.MIN ? ">" : "<";
    }
}
