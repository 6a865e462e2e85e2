package ai.lenetlab.sweeps;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Early stopping at epoch boundaries, decided from stored epoch scores alone (so a restarted service
 * decides the same): should this trial stop now?
 */
public interface Pruner {

    /**
     * @param trial the trial that has just finished {@code epoch} (all its seeds, when it has several)
     * @param scores every trial's score per epoch, index epoch − 1, higher better; a trial with several
     *     seeds is judged by their mean
     */
    boolean shouldStop(String trial, int epoch, Map<String, List<Double>> scores);

    /**
     * The first epoch after {@code judged} up to {@code reached} at which the trial should stop, if
     * any. A service that could not look at every epoch (it was restarted, events came in a burst)
     * still judges the ones it missed — a rung is never skipped.
     */
    default OptionalInt firstStop(String trial, int judged, int reached, Map<String, List<Double>> scores) {
        for (int epoch = judged + 1; epoch <= reached; epoch++) {
            if (shouldStop(trial, epoch, scores)) {
                return OptionalInt.of(epoch);
            }
        }
        return OptionalInt.empty();
    }

    static Pruner of(SweepPlan plan) {
        return switch (plan.rule()) {
            case NONE -> (trial, epoch, scores) -> false;
            case MEDIAN -> new MedianPruner(plan.minEpochs());
            case ASHA -> new AshaPruner(plan.minEpochs(), plan.reductionFactor());
        };
    }
}
