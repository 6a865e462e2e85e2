package ai.lenetlab.sweeps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Seed-aware racing, as F-Race and irace race configurations on instances (Birattari et al., GECCO
 * 2002; López-Ibáñez et al., Operations Research Perspectives 2016), with seeds as the instances: at
 * a rung every trial that has reached it is judged on its seeds' values there. The leader is the
 * trial of the highest seed mean; each other trial is tested against it with Welch's one-sided test
 * (leader better), and the p-values of the rung are Holm-adjusted over its m contrasts. A trial
 * whose adjusted p is below α — the Holm-corrected lower bound of the leader's margin over it above
 * 0 — stops. Trials still tied with the leader, and then the leader itself, get one more seed, up to
 * {@code maxSeeds}: seeds go where the ranking is in doubt, not to trials already told apart.
 *
 * <p>The test is on the difference, not on two intervals' overlap: two 95 % intervals that just touch
 * are a test at about 0.6 %, far more seeds than the question needs. A reason gives the means'
 * standard errors (SE), not the seeds' spread the sweep's objective shows as ±.
 */
public final class SeedRace {

    /** The level of a sweep's race: Holm holds the chance of any wrong stop at a rung at 5 %. */
    public static final double ALPHA = 0.05;

    public enum Verdict {
        /** Significantly worse than the leader (or diverged): stop. */
        STOP,
        /** Tied with the leader (or the leader of a tied race): one more seed. */
        MORE_SEEDS,
        /** Go on as it is: too few seeds to test yet, at its seeds' maximum, or nobody tied with it. */
        GO_ON
    }

    /** What to do with a trial, and why (empty only for MORE_SEEDS: it is still racing). */
    public record Decision(Verdict verdict, String reason) {
        static Decision goOn(String reason) {
            return new Decision(Verdict.GO_ON, reason);
        }
    }

    /** The race's decision for a trial at a rung. */
    public record AtRung(int epoch, Decision decision) {}

    private final int minSeeds;
    private final int maxSeeds;
    private final double alpha;
    private final SweepSpec.Goal goal;
    /** The rungs (minEpochs·η^k, as ASHA's) of a sweep's race; null: every epoch is one. */
    private final AshaPruner rungs;

    public SeedRace(int minSeeds, int maxSeeds, double alpha, SweepSpec.Goal goal) {
        this(minSeeds, maxSeeds, alpha, goal, null);
    }

    private SeedRace(int minSeeds, int maxSeeds, double alpha, SweepSpec.Goal goal, AshaPruner rungs) {
        if (minSeeds < 2 || maxSeeds < minSeeds) {
            throw new IllegalArgumentException("racing needs 2 ≤ min ≤ max seeds");
        }
        this.minSeeds = minSeeds;
        this.maxSeeds = maxSeeds;
        this.alpha = alpha;
        this.goal = goal;
        this.rungs = rungs;
    }

    /** The race of a plan with {@code seeds.adaptive}: its seeds, goal and rungs (minEpochs·η^k). */
    public static SeedRace of(SweepPlan plan) {
        return new SeedRace(
                plan.adaptiveSeeds().min(),
                plan.adaptiveSeeds().max(),
                ALPHA,
                plan.goal(),
                new AshaPruner(plan.minEpochs(), plan.reductionFactor(), plan.goal()));
    }

    public int minSeeds() {
        return minSeeds;
    }

    public int maxSeeds() {
        return maxSeeds;
    }

    /**
     * The race's first decision for {@code trial} at its rungs after {@code raced} up to {@code
     * reached} — the epoch all its seeds have finished — that are before its last epoch: a stop or
     * another seed, else going on at the last such rung; empty without a rung there. A rung the
     * trial gets a seed at is its last one for now: the next is judged with that seed.
     */
    public Optional<AtRung> atRungs(String trial, int raced, int reached, int lastEpoch, TrialTable table) {
        AtRung last = null;
        for (int epoch = raced + 1; epoch <= Math.min(reached, lastEpoch - 1); epoch++) {
            if (rungs == null || rungs.isRung(epoch)) {
                last = new AtRung(epoch, judge(epoch, table.atRung(epoch)).get(trial));
                if (last.decision().verdict() != Verdict.GO_ON) {
                    break;
                }
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * Every trial's decision at rung {@code epoch}.
     *
     * @param seedScores trial → its seeds' scores at the rung (higher better, non-finite ranks worst),
     *     only the seeds that have reached it
     */
    public Map<String, Decision> judge(int epoch, Map<String, double[]> seedScores) {
        return judge(epoch, seedScores, "its best");
    }

    /**
     * Every trial's decision when its seeds are done, on their values at its last epoch ({@link
     * TrialTable#atEpoch}): what its result and the sweep's best are judged on.
     */
    public Map<String, Decision> atTheEnd(int epoch, Map<String, double[]> seedScores) {
        return judge(epoch, seedScores, "its final");
    }

    private Map<String, Decision> judge(int epoch, Map<String, double[]> seedScores, String its) {
        Map<String, Decision> decisions = new LinkedHashMap<>();
        Map<String, double[]> racing = new LinkedHashMap<>();
        seedScores.forEach((trial, scores) -> {
            boolean diverged = false;
            for (double s : scores) {
                diverged |= !Double.isFinite(s);
            }
            if (diverged) {
                decisions.put(trial, new Decision(Verdict.STOP, Pruner.DIVERGED));
            } else if (scores.length >= 2) {
                racing.put(trial, scores);
            } else {
                decisions.put(trial, Decision.goOn(scores.length + " seed at epoch " + epoch + ": too few to test"));
            }
        });
        String leader = null;
        for (Map.Entry<String, double[]> e : racing.entrySet()) {
            if (leader == null || WelchTest.mean(e.getValue()) > WelchTest.mean(racing.get(leader))) {
                leader = e.getKey();
            }
        }
        if (leader == null) {
            return decisions;
        }
        double[] best = racing.get(leader);
        List<String> others = new ArrayList<>(racing.keySet());
        others.remove(leader);
        double[] p = others.stream()
                .mapToDouble(trial -> pLeaderBetter(best, racing.get(trial)))
                .toArray();
        double[] adjusted = Holm.adjust(p);
        boolean tied = false;
        for (int i = 0; i < others.size(); i++) {
            String trial = others.get(i);
            double[] own = racing.get(trial);
            if (adjusted[i] < alpha) {
                decisions.put(trial, new Decision(Verdict.STOP, reason(its, own, best, adjusted[i], epoch)));
            } else {
                tied = true;
                decisions.put(
                        trial,
                        own.length < maxSeeds
                                ? new Decision(Verdict.MORE_SEEDS, "")
                                : Decision.goOn(String.format(
                                        Locale.ROOT,
                                        "at its most seeds (%d), still tied with leader %s (SE %.4f) at epoch %d, p_adj %s",
                                        maxSeeds,
                                        Pruner.objective(WelchTest.mean(best), goal),
                                        WelchTest.standardError(best),
                                        epoch,
                                        pText(adjusted[i]))));
            }
        }
        String leads;
        if (tied && best.length < maxSeeds) {
            decisions.put(leader, new Decision(Verdict.MORE_SEEDS, ""));
            return decisions;
        } else if (tied) {
            leads = "at its most seeds (" + maxSeeds + ")";
        } else if (others.isEmpty()) {
            leads = "no other trial of 2 seeds there";
        } else {
            leads = "told apart from the " + others.size() + " other trial" + (others.size() == 1 ? "" : "s");
        }
        decisions.put(
                leader,
                Decision.goOn(String.format(
                        Locale.ROOT,
                        "the leader at epoch %d (%s, SE %.4f, %d seeds): %s",
                        epoch,
                        Pruner.objective(WelchTest.mean(best), goal),
                        WelchTest.standardError(best),
                        best.length,
                        leads)));
        return decisions;
    }

    /**
     * Welch's one-sided p that the leader is better. Without any variation in either (no seed noise)
     * the difference is exact: a lower mean is worse for certain.
     */
    private static double pLeaderBetter(double[] leader, double[] trial) {
        WelchTest welch = WelchTest.of(leader, trial);
        if (!(welch.standardError() > 0)) {
            return welch.difference() > 0 ? 0 : 1;
        }
        return welch.pGreater();
    }

    private String reason(String its, double[] own, double[] leader, double pAdjusted, int epoch) {
        return String.format(
                Locale.ROOT,
                "%s %s (SE %.4f) %s leader %s (SE %.4f) at epoch %d, %d vs %d seeds, p_adj %s",
                its,
                Pruner.objective(WelchTest.mean(own), goal),
                WelchTest.standardError(own),
                Pruner.worseThan(goal),
                Pruner.objective(WelchTest.mean(leader), goal),
                WelchTest.standardError(leader),
                epoch,
                own.length,
                leader.length,
                pText(pAdjusted));
    }

    private static String pText(double pAdjusted) {
        return pAdjusted < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", pAdjusted);
    }

    /**
     * Each seed's best score up to {@code epoch}, of the seeds that have reached it; −∞ for a seed
     * that diverged on the way (a non-finite score does not recover).
     */
    public static double[] bestSoFar(List<List<Double>> seeds, int epoch) {
        return seeds.stream()
                .filter(curve -> curve.size() >= epoch)
                .mapToDouble(curve -> curve.subList(0, epoch).stream()
                        .mapToDouble(SweepPlan::ranked)
                        .reduce((x, y) -> x == Double.NEGATIVE_INFINITY || y == Double.NEGATIVE_INFINITY
                                ? Double.NEGATIVE_INFINITY
                                : Math.max(x, y))
                        .orElseThrow())
                .toArray();
    }

    @Override
    public String toString() {
        return "seed racing, " + minSeeds + "–" + maxSeeds + " seeds, Holm α " + alpha;
    }
}
