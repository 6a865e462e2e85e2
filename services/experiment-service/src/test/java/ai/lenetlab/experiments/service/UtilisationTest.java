package ai.lenetlab.experiments.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtilisationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void theCoveredPartOfTheStretchOnly() {
        // an hour: 10 min before it (cut to 5 min inside), 15 min in the middle, 10 min running past its end
        List<Utilisation.Span> busy = List.of(
                new Utilisation.Span(at(-300), at(300)),
                new Utilisation.Span(at(1200), at(2100)),
                new Utilisation.Span(at(3000), at(4000)));
        assertThat(Utilisation.of(at(0), at(3600), busy)).isCloseTo((300 + 900 + 600) / 3600.0, within(1e-9));
    }

    @Test
    void idleAllAlongOrNoTimeAtAll() {
        assertThat(Utilisation.of(at(0), at(60), List.of())).isZero();
        assertThat(Utilisation.of(at(60), at(60), List.of(new Utilisation.Span(at(0), at(100)))))
                .isZero();
        assertThat(Utilisation.of(at(0), at(60), List.of(new Utilisation.Span(at(0), at(100)))))
                .isEqualTo(1.0);
    }
}
