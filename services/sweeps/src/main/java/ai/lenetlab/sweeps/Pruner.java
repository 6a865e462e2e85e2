package ai.lenetlab.sweeps;

import java.util.List;
import java.util.Map;

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

    static Pruner of(SweepPlan plan) {
        return switch (plan.rule()) {
            case NONE -> (trial, epoch, scores) -> false;
            case MEDIAN -> new MedianPruner(plan.minEpochs());
            case ASHA -> new AshaPruner(plan.minEpochs(), plan.reductionFactor());
        };
    }
}
