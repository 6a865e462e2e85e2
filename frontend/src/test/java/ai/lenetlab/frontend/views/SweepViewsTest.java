package ai.lenetlab.frontend.views;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.CompareView.Stat;
import ai.lenetlab.frontend.backend.SweepAction;
import ai.lenetlab.sweeps.SweepSpec;
import ai.lenetlab.sweeps.SweepStatus;
import ai.lenetlab.sweeps.SweepView;
import ai.lenetlab.sweeps.SweepView.TrialView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.UI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sweep pages against the in-memory backend: the form's spec, the trials table, charts and actions. */
class SweepViewsTest extends ViewTestBase {

    private final UUID id = UUID.randomUUID();

    private SweepView sample(SweepStatus status) {
        SweepSpec spec = new SweepSpec(
                "lr × batch",
                new SweepSpec.Base("model-3", Map.of("epochs", 3)),
                new java.util.LinkedHashMap<>(
                        Map.of("learningRate", new SweepSpec.Range(List.of(0.0001, 0.1), null, null, null))),
                SweepSpec.Method.TPE,
                3,
                2,
                7L,
                new SweepSpec.Objective("testAccuracy", SweepSpec.Goal.MAX),
                new SweepSpec.EarlyStopping(SweepSpec.Rule.ASHA, 1, 3),
                4,
                0,
                null,
                null);
        List<TrialView> trials = List.of(
                new TrialView(
                        0,
                        Map.of("learningRate", 0.003),
                        "COMPLETED",
                        new Stat(0.88, 0.004, 2),
                        3,
                        List.of(),
                        null,
                        "the leader at epoch 3 (0.8800, SE 0.0028, 2 seeds): told apart from the 1 other trial"),
                new TrialView(
                        1,
                        Map.of("learningRate", 0.00012),
                        "PRUNED",
                        new Stat(0.41, 0.02, 2),
                        1,
                        List.of(),
                        "stopped early at epoch 1 (asha): its 0.4100 < 0.6450, the top 1/3 of 2 trials at rung 1",
                        null),
                new TrialView(2, Map.of("learningRate", 0.01), "RUNNING", null, 0, List.of(), null, null));
        return new SweepView(
                id, "lr × batch", "admin", status, UUID.randomUUID(), spec, Instant.now(), null, trials, 0, 6, 8);
    }

    @Test
    void theFormSendsTheSpecItShows() {
        backend.sweep = sample(SweepStatus.RUNNING);
        NewSweepView view = navigate(NewSweepView.class);
        test(view.method).selectItem("random");
        test(view.start).click();
        settle();

        SweepSpec sent = backend.createdSweeps.get(0);
        assertThat(sent.base().preset()).isEqualTo("model-3");
        assertThat(sent.base().overrides()).containsEntry("epochs", 14);
        assertThat(sent.method()).isEqualTo(SweepSpec.Method.RANDOM);
        assertThat(sent.space().get("learningRate").logUniform()).containsExactly(0.0001, 0.1);
        assertThat(sent.space().get("batchSize").choice()).containsExactly(64L, 128L, 256L);
        assertThat(sent.space().get("dropout").uniform()).containsExactly(0.0, 0.6);
        assertThat(sent.earlyStopping().rule()).isEqualTo(SweepSpec.Rule.ASHA);
        assertThat(getCurrentView()).isInstanceOf(SweepDetailView.class);
    }

    @Test
    void eachSearchedFieldShowsThePresetsValueAndItsBounds() {
        NewSweepView view = navigate(NewSweepView.class);
        settle();
        Map<String, String> hints = new java.util.HashMap<>();
        view.space
                .getChildren()
                .filter(NewSweepView.SpaceRow.class::isInstance)
                .map(NewSweepView.SpaceRow.class::cast)
                .forEach(row -> hints.put(row.field.getValue(), row.hint.getText()));
        assertThat(hints.get("learningRate")).isEqualTo("preset: 0.01 · allowed: in (0, 10.0]");
        assertThat(hints.get("batchSize")).isEqualTo("preset: 256 · allowed: between 1 and 4096");
        assertThat(hints.get("dropout")).isEqualTo("preset: 0.5 · allowed: in [0.0, 1.0)");

        NewSweepView.SpaceRow row = view.space
                .getChildren()
                .filter(NewSweepView.SpaceRow.class::isInstance)
                .map(NewSweepView.SpaceRow.class::cast)
                .findFirst()
                .orElseThrow();
        test(row.field).selectItem("optimizer");
        assertThat(row.hint.getText()).isEqualTo("preset: adam · allowed: one of sgd, sgd-momentum, adam, adamw");
    }

    @Test
    void theServicesFieldErrorsAreListedByPath() {
        backend.violations = List.of(new ApiProblem.Violation("space.batchSize.uniform", "must be a whole number"));
        NewSweepView view = navigate(NewSweepView.class);
        test(view.start).click();
        settle();
        assertThat(view.errors.isVisible()).isTrue();
        assertThat(view.errors.getChildren().map(c -> c.getElement().getText()))
                .contains("space.batchSize.uniform: must be a whole number");
    }

    @Test
    void aSweepsPageShowsItsTrialsChartsAndBest() throws Exception {
        backend.sweep = sample(SweepStatus.RUNNING);
        backend.compareView = SampleRuns.compare(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        UI.getCurrent().navigate("sweeps/" + id);
        settle();
        SweepDetailView view = (SweepDetailView) getCurrentView();

        assertThat(test(view.trials).size()).isEqualTo(3);
        assertThat(test(view.trials).getCellText(1, 2)).isEqualTo("PRUNED");
        assertThat(test(view.trials).getCellText(1, 5)).startsWith("stopped early at epoch 1 (asha): its 0.4100");
        assertThat(test(view.trials).getCellText(0, 3)).isEqualTo("0.8800 ± 0.0040 (n = 2)");
        assertThat(test(view.trials).getCellText(0, 6)).startsWith("the leader at epoch 3");
        assertThat(test(view.trials).getCellText(1, 6)).isEmpty();
        assertThat(view.best.getText()).startsWith("Best so far: trial 0 learningRate 0.003000");
        JsonNode parallel =
                new ObjectMapper().readTree(view.parallel.getElement().getProperty("option"));
        assertThat(parallel.path("series").get(0).path("data"))
                .as("trials with a result")
                .hasSize(2);
        assertThat(parallel.path("parallelAxis").get(0).path("type").asText()).isEqualTo("log");
        assertThat(view.pause.isEnabled()).isTrue();
        assertThat(view.resume.isEnabled()).isFalse();

        test(view.pause).click();
        settle();
        assertThat(backend.sweepActions).containsExactly(SweepAction.PAUSE);

        test(view.moreSeeds).click();
        settle();
        var submitted = backend.submissions.get(0).runs().get(0);
        assertThat(submitted.preset()).isEqualTo("model-3");
        assertThat(submitted.overrides()).containsEntry("learningRate", 0.003).containsEntry("epochs", 3);
        assertThat(submitted.seeds())
                .as("fresh seeds: the trial ran seeds 1 and 2")
                .containsExactly(3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void theSweepsListLinksEachSweep() {
        backend.sweep = sample(SweepStatus.COMPLETED);
        SweepsView view = navigate(SweepsView.class);
        assertThat(test(view.sweeps).size()).isEqualTo(1);
        assertThat(test(view.sweeps).getCellText(0, 1)).isEqualTo("COMPLETED");
    }
}
