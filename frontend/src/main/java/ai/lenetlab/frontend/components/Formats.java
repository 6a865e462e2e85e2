package ai.lenetlab.frontend.components;

import java.util.Locale;

/** How numbers read on every page: accuracies as percentages, losses to 4 places, durations as m:ss. */
public final class Formats {

    private Formats() {}

    public static String percent(Double fraction) {
        return fraction == null || fraction.isNaN() ? "–" : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    public static String loss(Double value) {
        return value == null || value.isNaN() ? "–" : String.format(Locale.ROOT, "%.4f", value);
    }

    public static String rate(Double value) {
        return value == null || value.isNaN() ? "–" : String.format(Locale.ROOT, "%.3g", value);
    }

    public static String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    public static String orDash(Object value) {
        return value == null ? "–" : String.valueOf(value);
    }
}
