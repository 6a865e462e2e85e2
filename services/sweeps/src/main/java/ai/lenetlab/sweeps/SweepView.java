package ai.lenetlab.sweeps;

import ai.lenetlab.contracts.api.CompareView.Stat;
import ai.lenetlab.contracts.api.RunSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A sweep as {@code GET /api/sweeps/{id}} answers it.
 *
 * @param experimentId the experiment holding the sweep's runs: compare them with {@code
 *     /api/compare?experiment=…} or {@code ?sweep=…}
 * @param trials every trial proposed so far, in order
 * @param bestTrial the index of the trial with the best objective so far, or null; a trial whose
 *     objective is not finite (diverged) is never the best
 * @param runs runs created so far; {@code epochs} trained by all of them
 */
public record SweepView(
        UUID id,
        String name,
        String owner,
        SweepStatus status,
        UUID experimentId,
        SweepSpec spec,
        Instant createdAt,
        Instant finishedAt,
        List<TrialView> trials,
        Integer bestTrial,
        int runs,
        int epochs) {

    /**
     * One set of values with a run per seed (seed racing adds runs as it gives a trial more seeds).
     *
     * @param status RUNNING while a run of it trains or waits, PRUNED when early stopping ended it,
     *     else COMPLETED (or FAILED/CANCELLED when none of its runs completed)
     * @param objective the objective over its seeds at its most epochs (each such run's last one: a
     *     seed still catching up is left out until it gets there); null before any epoch
     * @param epochs the most epochs any of its runs has finished
     * @param stopReason why early stopping ended it, in words (the rule, the epoch, its value against
     *     the bar: "stopped early at epoch 2 (median): its best 0.6100 < median 0.8000 of 5 completed
     *     trials at epoch 2"); null unless PRUNED
     * @param seedStopReason seed racing: why the race gave it no more seeds ("its best 0.8620 (SE
     *     0.0017) < leader 0.8840 (SE 0.0017) at epoch 4, 4 vs 3 seeds, p_adj < 0.001", "at its most
     *     seeds (8), …"); null while it may get more, and without seeds.adaptive
     */
    public record TrialView(
            int index,
            Map<String, Object> values,
            String status,
            Stat objective,
            int epochs,
            List<RunSummary> runs,
            String stopReason,
            String seedStopReason) {}
}
