package ai.lenetlab.frontend.views;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.ExperimentSubmission.RunSpec;
import ai.lenetlab.contracts.api.RunStatus;
import com.vaadin.flow.component.textfield.IntegerField;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewExperimentViewTest extends ViewTestBase {

    @Test
    void submitsChosenPresetsOncePerSeedAndOpensTheRuns() {
        NewExperimentView view = navigate(NewExperimentView.class);
        test(view.name).setValue("adam vs sgd");
        test(view.presetChoice)
                .selectItems(view.presetChoice
                        .getListDataView()
                        .getItems()
                        .filter(p -> p.id().equals("model-1") || p.id().equals("model-2"))
                        .map(p -> view.presetChoice.getItemLabelGenerator().apply(p))
                        .toList());
        test(view.seeds).setValue("1, 2,3");
        test(view.submit).click();
        settle();

        assertThat(backend.submissions).hasSize(1);
        ExperimentSubmission sent = backend.submissions.get(0);
        assertThat(sent.name()).isEqualTo("adam vs sgd");
        assertThat(sent.runs()).extracting(RunSpec::preset).containsExactly("model-1", "model-2");
        assertThat(sent.runs()).allSatisfy(spec -> assertThat(spec.seeds()).containsExactly(1L, 2L, 3L));
        assertThat(getCurrentView()).isInstanceOf(RunsView.class);
    }

    @Test
    void customConfigSendsOnlyTheChangedFieldsAsOverrides() {
        NewExperimentView view = navigate(NewExperimentView.class);
        test(view.name).setValue("short adam");
        view.custom.setValue(true);
        assertThat(view.customBase.getValue().id()).isEqualTo("model-2");
        ((IntegerField) view.customForm.field("epochs")).setValue(2);
        ((IntegerField) view.customForm.field("batchSize")).setValue(128);
        test(view.submit).click();
        settle();

        RunSpec spec = backend.submissions.get(0).runs().get(0);
        assertThat(spec.preset()).isEqualTo("model-2");
        assertThat(spec.overrides()).containsOnlyKeys("epochs", "batchSize").containsEntry("epochs", 2);
    }

    @Test
    void apiFieldErrorsAppearOnTheirFields() {
        backend.violations = List.of(
                new ApiProblem.Violation("runs[0].overrides.epochs", "must be 1–200"),
                new ApiProblem.Violation("name", "must not be blank"));
        NewExperimentView view = navigate(NewExperimentView.class);
        view.custom.setValue(true);
        ((IntegerField) view.customForm.field("epochs")).setValue(0);
        test(view.submit).click();
        settle();

        IntegerField epochs = (IntegerField) view.customForm.field("epochs");
        assertThat(epochs.isInvalid()).isTrue();
        assertThat(epochs.getErrorMessage()).isEqualTo("must be 1–200");
        assertThat(epochs.getHelperText())
                .as("its bounds, shown before anything is sent")
                .isEqualTo("between 1 and 200");
        assertThat(view.name.isInvalid()).isTrue();
        assertThat(view.errors.isVisible()).isTrue();
        assertThat(getCurrentView()).isInstanceOf(NewExperimentView.class);
    }

    @Test
    void badSeedsAreMarkedAndNothingIsSent() {
        NewExperimentView view = navigate(NewExperimentView.class);
        test(view.name).setValue("x");
        test(view.presetChoice)
                .selectItem(view.presetChoice
                        .getItemLabelGenerator()
                        .apply(view.presetChoice.getListDataView().getItem(0)));
        test(view.seeds).setValue("1, two");
        test(view.submit).click();
        settle();

        assertThat(view.seeds.isInvalid()).isTrue();
        assertThat(backend.submissions).isEmpty();
    }

    @Test
    void reproduceTheReportSubmitsTheTutorialAndTheFourModelsWithThreeSeedsAndOpensTheReport() {
        backend.compareView = SampleRuns.report(RunStatus.QUEUED);
        NewExperimentView view = navigate(NewExperimentView.class);
        test(view.reproduce).click();
        settle();

        assertThat(backend.submissions).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("Reproduce the report");
            assertThat(s.runs())
                    .extracting(RunSpec::preset)
                    .containsExactly("d2l", "model-1", "model-2", "model-3", "model-4");
            assertThat(s.runs()).allSatisfy(spec -> assertThat(spec.seeds()).containsExactly(1L, 2L, 3L));
        });
        assertThat(getCurrentView()).isInstanceOf(ReportView.class);
        assertThat(backend.lastCompare.experiments()).hasSize(1);
    }
}
