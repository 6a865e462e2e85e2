package ai.lenetlab.frontend.views;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.frontend.backend.BackendException;
import ai.lenetlab.frontend.backend.RunQuery;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunsViewTest extends ViewTestBase {

    private final UUID done = UUID.randomUUID();
    private final UUID training = UUID.randomUUID();
    private final UUID queued = UUID.randomUUID();

    @Test
    void listsRunsWithStatusProgressAndMetrics() {
        seed();
        RunsView view = navigate(RunsView.class);

        assertThat(test(view.grid).size()).isEqualTo(3);
        int accuracy = test(view.grid).getColumnPosition("testAccuracy");
        assertThat(view.visibleRuns().get(0).id()).isEqualTo(done);
        assertThat(test(view.grid).getCellText(0, accuracy)).isEqualTo("88.00 %");
        assertThat(test(view.grid).getCellText(2, accuracy)).isEqualTo("–");
    }

    @Test
    void filtersByStatusAndText() {
        seed();
        RunsView view = navigate(RunsView.class);

        view.statusFilter.setValue(RunStatus.RUNNING);
        settle();
        assertThat(view.visibleRuns()).extracting(r -> r.id()).containsExactly(training);

        view.statusFilter.clear();
        test(view.search).setValue("MODEL-1");
        settle();
        assertThat(view.visibleRuns()).extracting(r -> r.id()).containsExactly(queued);
        assertThat(backend.queries.get(backend.queries.size() - 1))
                .isEqualTo(new RunQuery(
                        "MODEL-1",
                        null,
                        RunQuery.NEWEST_FIRST,
                        0,
                        RunsView.PAGE_SIZE)); // the service filters, not the page
    }

    @Test
    void liveEventsUpdateARowInPlaceAndAddNewRuns() {
        seed();
        RunsView view = navigate(RunsView.class);
        int loss = test(view.grid).getColumnPosition("loss");

        publish(SampleRuns.progress(training, 2, 0.4321));
        assertThat(test(view.grid).size()).isEqualTo(3);
        int row = view.visibleRuns().stream().map(r -> r.id()).toList().indexOf(training);
        assertThat(test(view.grid).getCellText(row, loss)).isEqualTo("0.4321");

        UUID fresh = UUID.randomUUID();
        publish(SampleRuns.summary(fresh, "d2l", RunStatus.QUEUED, null));
        assertThat(view.visibleRuns().get(0).id()).isEqualTo(fresh);
    }

    @Test
    void comparingSelectedRunsPutsThemInTheUrl() {
        seed();
        backend.compareView = SampleRuns.compare(done, training, queued);
        RunsView view = navigate(RunsView.class);
        assertThat(view.compare.isEnabled()).isFalse();

        test(view.grid).select(0);
        test(view.grid).select(1);
        assertThat(view.compare.getText()).isEqualTo("Compare 2 runs");
        test(view.compare).click();

        assertThat(getCurrentView()).isInstanceOf(CompareRunsView.class);
        assertThat(URLDecoder.decode(
                        UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters(),
                        StandardCharsets.UTF_8))
                .isEqualTo("compare?runs=" + done + "," + training);
        assertThat(backend.comparedIds).containsExactly(done, training);
    }

    @Test
    void saysSoWhenTheServiceIsDown() {
        backend.failure = BackendException.unreachable(null);
        RunsView view = navigate(RunsView.class);

        assertThat(view.problem.isVisible()).isTrue();
        assertThat(view.problem.getText()).contains("cannot be reached");
        assertThat(test(view.grid).size()).isZero();
    }

    @Test
    void pagesThroughManyRunsAndLetsTheServiceSort() {
        for (int i = 0; i < 250; i++) {
            backend.runs.add(SampleRuns.summary(
                    UUID.randomUUID(),
                    "model-" + (1 + i % 4),
                    RunStatus.COMPLETED,
                    SampleRuns.epochs(3).get(2)));
        }
        RunsView view = navigate(RunsView.class);
        assertThat(test(view.grid).size()).isEqualTo(RunsView.PAGE_SIZE);
        assertThat(view.range.getText()).isEqualTo("1–100 of 250");
        assertThat(view.newer.isEnabled()).isFalse();

        test(view.older).click();
        settle();
        test(view.older).click();
        settle();
        assertThat(view.range.getText()).isEqualTo("201–250 of 250");
        assertThat(test(view.grid).size()).isEqualTo(50);
        assertThat(view.older.isEnabled()).isFalse();

        view.grid.sort(List.of(new GridSortOrder<>(view.grid.getColumnByKey("run"), SortDirection.DESCENDING)));
        settle();
        assertThat(backend.queries.get(backend.queries.size() - 1).sort()).isEqualTo("-preset");
        assertThat(view.range.getText()).isEqualTo("1–100 of 250");
        assertThat(view.visibleRuns())
                .extracting(r -> r.preset())
                .startsWith("model-4")
                .isSortedAccordingTo(java.util.Comparator.reverseOrder())
                .contains("model-3")
                .doesNotContain("model-1");
    }

    private void seed() {
        var epochs = SampleRuns.epochs(3);
        backend.runs.addAll(List.of(
                SampleRuns.summary(done, "model-2", RunStatus.COMPLETED, epochs.get(2)),
                SampleRuns.progress(training, 1, 0.9),
                SampleRuns.summary(queued, "model-1", RunStatus.QUEUED, null)));
    }
}
