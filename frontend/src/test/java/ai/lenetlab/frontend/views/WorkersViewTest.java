package ai.lenetlab.frontend.views;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.WorkerOverview;
import ai.lenetlab.contracts.api.WorkerState;
import ai.lenetlab.contracts.api.WorkerView;
import ai.lenetlab.frontend.backend.BackendException;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNavItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Workers page against the in-memory backend. */
class WorkersViewTest extends ViewTestBase {

    private final UUID run = UUID.randomUUID();
    private final Instant heard = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void listsEachWorkerWithWhatItDoesAndTheRunsWaiting() {
        backend.workers = new WorkerOverview(
                List.of(
                        new WorkerView(
                                "worker-1",
                                "lab-a",
                                "cpu",
                                2,
                                WorkerState.TRAINING,
                                run,
                                3,
                                10,
                                heard,
                                4,
                                0.755,
                                heard),
                        new WorkerView(
                                "worker-2", "lab-b", "gpu", 8, WorkerState.LOST, null, null, null, heard, 0, 0, heard)),
                Map.of("any", 7L));

        WorkersView view = navigate(WorkersView.class);

        assertThat(test(view.workers).size()).isEqualTo(2);
        assertThat(test(view.workers).getCellText(0, 0)).isEqualTo("worker-1");
        assertThat(test(view.workers).getCellText(0, 1)).isEqualTo("lab-a");
        assertThat(test(view.workers).getCellText(0, 2)).isEqualTo("cpu");
        assertThat(test(view.workers).getCellText(0, 3)).isEqualTo("2");
        assertThat(test(view.workers).getCellComponent(0, 4).getElement().getTextRecursively())
                .isEqualTo("training run " + run.toString().substring(0, 8) + " epoch 3/10");
        assertThat(test(view.workers).getCellComponent(1, 4).getElement().getTextRecursively())
                .isEqualTo("lost");
        assertThat(test(view.workers).getCellText(0, 5)).isEqualTo("2026-03-04 05:06:07 UTC");
        assertThat(test(view.workers).getCellText(0, 6)).isEqualTo("4");
        assertThat(test(view.workers).getCellText(0, 7)).isEqualTo("75.50 %");
        assertThat(test(view.workers).getCellText(1, 2)).isEqualTo("gpu");
        assertThat(view.waiting.getText()).isEqualTo("Runs waiting for a worker: 7 (any)");
        assertThat(view.problem.isVisible()).isFalse();
    }

    @Test
    void refreshAsksAgainAndAProblemIsShown() {
        WorkersView view = navigate(WorkersView.class);
        assertThat(test(view.workers).size()).isZero();

        backend.workers = new WorkerOverview(
                List.of(new WorkerView(
                        "worker-9", "h", "cpu", 1, WorkerState.IDLE, null, null, null, heard, 1, 0, heard)),
                Map.of("any", 0L));
        test(view.refresh).click();
        settle();
        assertThat(test(view.workers).size()).isEqualTo(1);

        backend.failure = new BackendException(503, "the experiment service is not answering", List.of());
        test(view.refresh).click();
        settle();
        assertThat(view.problem.isVisible()).isTrue();
        assertThat(view.problem.getText()).contains("not answering");
    }

    @Test
    void theOpenPageAsksAgainAtEachPollAndStopsPollingWhenLeft() {
        WorkersView view = navigate(WorkersView.class);
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(WorkersView.REFRESH_MILLIS);
        backend.workers = new WorkerOverview(
                List.of(new WorkerView(
                        "worker-5", "h", "cpu", 1, WorkerState.LOST, null, null, null, heard, 2, 0, heard)),
                Map.of("any", 1L));

        ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), true));
        settle();
        assertThat(test(view.workers).size()).isEqualTo(1);
        assertThat(view.waiting.getText()).isEqualTo("Runs waiting for a worker: 1 (any)");

        navigate(SweepsView.class);
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(-1);
    }

    @Test
    void theNavigationLinksThePage() {
        navigate(WorkersView.class);
        assertThat($(SideNavItem.class).all()).extracting(SideNavItem::getPath).contains("workers");
    }
}
