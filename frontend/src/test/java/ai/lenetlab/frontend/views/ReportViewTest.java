package ai.lenetlab.frontend.views;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.RunStatus;
import com.vaadin.flow.component.UI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportViewTest extends ViewTestBase {

    private final UUID experiment = UUID.randomUUID();

    @Test
    void putsTheReportsFiguresBesideOursAndJudgesEachStep() {
        backend.compareView = SampleRuns.report(RunStatus.COMPLETED);
        ReportView view = open();

        assertThat(backend.lastCompare.experiments()).containsExactly(experiment);
        assertThat(test(view.table).size()).isEqualTo(5);
        assertThat(test(view.table).getCellText(1, 0)).isEqualTo("Report model 1");
        assertThat(test(view.table).getCellText(1, 1)).isEqualTo("80 %");
        assertThat(test(view.table).getCellText(1, 2)).isEqualTo("81.00 ± 0.50 % (n = 3)");
        assertThat(test(view.table).getCellText(0, 1))
                .as("d2l: the report gives no figure")
                .isEqualTo("–");
        assertThat(test(view.table).getCellText(4, 4)).isEqualTo("3 of 3");
        assertThat(view.progress.getText()).isEqualTo("All 15 runs are done.");
        assertThat(step(view, "model-2-vs-model-1"))
                .startsWith("model-2 × 3 seeds beats model-1 × 3 seeds by 3.0 points");
        assertThat(step(view, "model-4-vs-model-3")).startsWith("model-4 × 3 seeds beats model-3 × 3 seeds");
        assertThat(view.compare.getHref()).isEqualTo("compare?experiment=" + experiment);
    }

    @Test
    void aStepIsJudgedOnlyOnceAllItsRunsAreDone() {
        backend.compareView = SampleRuns.report(RunStatus.RUNNING);
        ReportView view = open();

        assertThat(view.progress.getText()).isEqualTo("12 of 15 runs are done; the table fills in as they finish.");
        assertThat(step(view, "model-3-vs-model-2")).contains("beats");
        assertThat(step(view, "model-4-vs-model-3")).endsWith("judged once all their runs are done.");
    }

    @Test
    void anUnknownExperimentSaysSo() {
        backend.failure = new ai.lenetlab.frontend.backend.BackendException(404, "experiment not found", List.of());
        ReportView view = open();
        assertThat(view.problem.isVisible()).isTrue();
        assertThat(view.problem.getText()).contains("does not exist");
    }

    private ReportView open() {
        UI.getCurrent().navigate("report/" + experiment);
        settle();
        return (ReportView) getCurrentView();
    }

    private static String step(ReportView view, String step) {
        return view.verdicts
                .getChildren()
                .filter(c -> step.equals(c.getElement().getAttribute("data-step")))
                .findFirst()
                .orElseThrow()
                .getElement()
                .getText();
    }
}
