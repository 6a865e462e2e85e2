package ai.lenetlab.frontend.components;

import ai.lenetlab.contracts.api.CompareView.Contrast;
import ai.lenetlab.contracts.api.CompareView.SeedGroup;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One comparison of two seed groups said plainly, as a reader of the report wants it: "A beats B by
 * 11.0 points (95 % CI 10.2–11.8), p < 0.001, 3 vs 3 seeds". Judged on the Holm-adjusted p-value
 * when the answer ran several tests (and says so), sized by Hedges' g; fewer than three seeds get a
 * warning; one seed, no variation or a non-finite value is never called significant.
 */
public final class Verdict {

    private static final double ALPHA = 0.05;

    private Verdict() {}

    /** The sentence for a contrast of test accuracy (final or best epoch). */
    public static String of(Contrast c) {
        String seeds = c.nA() + " vs " + c.nB() + " seeds";
        if (!Double.isFinite(c.difference())) {
            return c.a() + " vs " + c.b() + ": no comparison, " + seeds
                    + " — a run's value is not a number (it diverged).";
        }
        if (c.pValue() == null) {
            String why = c.nA() >= 2 && c.nB() >= 2
                    ? "no variation between seeds — are the seeds different?"
                    : "with one seed no difference can be told from seed noise; train more seeds.";
            return String.format(
                    Locale.ROOT, "%s vs %s: %+.1f points, %s — %s", c.a(), c.b(), 100 * c.difference(), seeds, why);
        }
        boolean aAhead = c.difference() >= 0;
        String winner = aAhead ? c.a() : c.b();
        String loser = aAhead ? c.b() : c.a();
        double low = 100 * (aAhead ? c.ci95Low() : -c.ci95High());
        double high = 100 * (aAhead ? c.ci95High() : -c.ci95Low());
        double judged = c.pValueAdjusted() == null ? c.pValue() : c.pValueAdjusted();
        String p = (judged < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", judged))
                + (c.comparisons() != null && c.comparisons() > 1 ? " (Holm, " + c.comparisons() + " tests)" : "");
        String sentence = judged < ALPHA
                ? String.format(
                        Locale.ROOT,
                        "%s beats %s by %.1f points (95 %% CI %.1f–%.1f), %s, %s.",
                        winner,
                        loser,
                        100 * Math.abs(c.difference()),
                        low,
                        high,
                        p,
                        seeds)
                : String.format(
                        Locale.ROOT,
                        "%s and %s: no clear difference (%.1f points, 95 %% CI %.1f–%.1f), %s, %s" + "%s.",
                        winner,
                        loser,
                        100 * Math.abs(c.difference()),
                        low,
                        high,
                        p,
                        seeds,
                        c.seedsNeeded() == null
                                ? ""
                                : "; if the true effect is as large as observed, about " + c.seedsNeeded()
                                        + " seeds each would tell");
        return c.nA() < 3 || c.nB() < 3 ? sentence + " Fewer than 3 seeds: take it with care." : sentence;
    }

    /** "8 tests on this page: p-values are Holm-adjusted across them", or empty for one test or none. */
    public static Optional<String> tests(List<Contrast> contrasts) {
        return contrasts.stream()
                .map(Contrast::comparisons)
                .filter(m -> m != null && m > 1)
                .findFirst()
                .map(m -> m + " tests on this page (every pair on final and best test accuracy and loss): "
                        + "p-values are Holm-adjusted across them.");
    }

    /** What a group's statistics leave out or merge: repeated seeds, runs not completed; empty if none. */
    public static Optional<String> caveats(SeedGroup group) {
        List<String> notes = new java.util.ArrayList<>();
        if (group.repeatedSeeds() != null && !group.repeatedSeeds().isEmpty()) {
            notes.add("seed" + (group.repeatedSeeds().size() > 1 ? "s " : " ")
                    + group.repeatedSeeds().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " ran more than once (averaged: one observation each)");
        }
        if (group.notCounted() != null && !group.notCounted().isEmpty()) {
            int n = group.notCounted().size();
            notes.add(n + (n == 1 ? " run has" : " runs have") + " not completed (listed, not counted)");
        }
        return notes.isEmpty() ? Optional.empty() : Optional.of(group.label() + ": " + String.join("; ", notes) + ".");
    }
}
