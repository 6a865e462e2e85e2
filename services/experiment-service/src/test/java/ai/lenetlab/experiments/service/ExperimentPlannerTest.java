package ai.lenetlab.experiments.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.ExperimentSubmission.RunSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** How a submission becomes runs, and every field path a refusal names: no Kafka, no PostgreSQL. */
class ExperimentPlannerTest {

    @Test
    void aPresetWithOverridesAndSeedsBecomesOneRunPerSeed() {
        List<ExperimentPlanner.PlannedRun> runs = ExperimentPlanner.plan(new ExperimentSubmission(
                "adam vs sgd",
                null,
                List.of(
                        new RunSpec("model-2", Map.of("epochs", 3), null, List.of(1L, 2L, 3L)),
                        new RunSpec(null, null, Presets.get("model-1").config(), null))));

        assertThat(runs).hasSize(4);
        assertThat(runs.subList(0, 3)).allSatisfy(run -> {
            assertThat(run.preset()).isEqualTo("model-2");
            assertThat(run.config().epochs()).isEqualTo(3);
        });
        assertThat(runs.subList(0, 3)).extracting(run -> run.config().seed()).containsExactly(1L, 2L, 3L);
        assertThat(runs.get(3).config()).isEqualTo(Presets.get("model-1").config());
    }

    @Test
    void everyProblemIsNamedByItsPathAtOnce() {
        Refusal refused = catchThrowableOfType(
                Refusal.class,
                () -> ExperimentPlanner.plan(new ExperimentSubmission(
                        "\u202eevil",
                        "x".repeat(2001),
                        List.of(
                                new RunSpec("model-2", Map.of("epochs", 0), null, null),
                                new RunSpec("model-9", null, null, null),
                                new RunSpec(null, Map.of("epochs", 2), null, null),
                                new RunSpec("d2l", null, Presets.get("d2l").config(), null),
                                new RunSpec("d2l", null, null, List.of(-1L))))));

        assertThat(refused.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(refused.violations())
                .extracting(ApiProblem.Violation::field)
                .contains(
                        "name",
                        "description",
                        "runs[0].overrides.epochs",
                        "runs[1].preset",
                        "runs[2]",
                        "runs[3]",
                        "runs[4].seeds[0]");
    }

    @Test
    void runsAndSeedsAreBounded() {
        List<Long> fiftyOneSeeds = LongStream.rangeClosed(1, 51).boxed().toList();
        assertThat(paths(
                        new ExperimentSubmission("many", null, List.of(new RunSpec("d2l", null, null, fiftyOneSeeds)))))
                .containsExactly("runs[0].seeds");

        List<Long> fiftySeeds = LongStream.rangeClosed(1, 50).boxed().toList();
        List<RunSpec> fiveTimesFifty = Collections.nCopies(5, new RunSpec("d2l", null, null, fiftySeeds));
        assertThat(paths(new ExperimentSubmission("too many", null, fiveTimesFifty)))
                .containsExactly("runs");

        assertThat(paths(new ExperimentSubmission("none", null, List.of()))).containsExactly("runs");
        assertThat(paths(new ExperimentSubmission(" ", null, List.of(new RunSpec("d2l", null, null, null)))))
                .containsExactly("name");
    }

    private static List<String> paths(ExperimentSubmission submission) {
        return catchThrowableOfType(Refusal.class, () -> ExperimentPlanner.plan(submission)).violations().stream()
                .map(ApiProblem.Violation::field)
                .toList();
    }
}
