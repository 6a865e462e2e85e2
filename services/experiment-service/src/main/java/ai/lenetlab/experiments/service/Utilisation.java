package ai.lenetlab.experiments.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The fraction of a stretch of time that a worker spent training. */
final class Utilisation {

    /** A stretch of training. */
    record Span(Instant start, Instant end) {}

    private Utilisation() {}

    /**
     * @return the part of [from, to) covered by {@code busy} (spans of one worker, which do not overlap),
     *     0 for an empty stretch
     */
    static double of(Instant from, Instant to, List<Span> busy) {
        long whole = Duration.between(from, to).toMillis();
        if (whole <= 0) {
            return 0;
        }
        long covered = 0;
        for (Span span : busy) {
            Instant start = span.start().isAfter(from) ? span.start() : from;
            Instant end = span.end().isBefore(to) ? span.end() : to;
            covered += Math.max(0, Duration.between(start, end).toMillis());
        }
        return Math.min(1.0, (double) covered / whole);
    }
}
