package ai.lenetlab.frontend.components;

import ai.lenetlab.contracts.api.CompareView.Contrast;
import java.util.Locale;

/**
 * One comparison of two seed groups said plainly, as a reader of the report wants it: "A beats B by
 * 11.0 points (95 % CI 10.2–11.8), p < 0.001, 3 vs 3 seeds". Fewer than three seeds get a warning;
 * one seed is never called significant.
 */
public final class Verdict {

    private Verdict() {}

    /** The sentence for a contrast of test accuracy (final or best epoch). */
    public static String of(Contrast c) {
        String seeds = c.nA() + " vs " + c.nB() + " seeds";
        if (c.pValue() == null) {
            return String.format(
                    Locale.ROOT,
                    "%s vs %s: %+.1f points, %s — with one seed no difference can be "
                            + "told from seed noise; train more seeds.",
                    c.a(),
                    c.b(),
                    100 * c.difference(),
                    seeds);
        }
        boolean aAhead = c.difference() >= 0;
        String winner = aAhead ? c.a() : c.b();
        String loser = aAhead ? c.b() : c.a();
        double low = 100 * (aAhead ? c.ci95Low() : -c.ci95High());
        double high = 100 * (aAhead ? c.ci95High() : -c.ci95Low());
        String p = c.pValue() < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", c.pValue());
        String sentence = c.pValue() < 0.05
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
                        c.seedsNeeded() == null ? "" : "; about " + c.seedsNeeded() + " seeds each would tell");
        return c.nA() < 3 || c.nB() < 3 ? sentence + " Fewer than 3 seeds: take it with care." : sentence;
    }
}
