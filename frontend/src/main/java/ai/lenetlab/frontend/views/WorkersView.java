package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.api.WorkerOverview;
import ai.lenetlab.contracts.api.WorkerState;
import ai.lenetlab.contracts.api.WorkerView;
import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.LabBackend;
import ai.lenetlab.frontend.components.Formats;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The trainer workers the lab knows: what each does (idle, training which run at which epoch,
 * draining, lost), when it was last heard from, runs done, how busy it was over the last hour; and
 * the runs waiting for a worker. Asked again every few seconds while the page is open.
 */
@Route(value = "workers", layout = MainLayout.class)
@PageTitle("Workers · LeNet Lab")
public class WorkersView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** How often the open page asks again: the workers' own heartbeat interval. */
    static final int REFRESH_MILLIS = 5_000;

    private final CoalescedFetch<WorkerOverview> fetch;
    final Grid<WorkerView> workers = new Grid<>();
    final Span waiting = new Span();
    final Div problem = new Div();
    final Button refresh = new Button("Refresh");

    @Inject
    public WorkersView(BackendCalls calls) {
        this.fetch = new CoalescedFetch<>(calls, this, () -> LabBackend::workers, this::show, e -> {
            problem.setText(e.getMessage());
            problem.setVisible(true);
        });
        workers.setId("workers");
        workers.addColumn(WorkerView::id).setHeader("Worker").setAutoWidth(true);
        workers.addColumn(WorkerView::host).setHeader("Host").setAutoWidth(true);
        workers.addColumn(WorkerView::device).setHeader("Device");
        workers.addColumn(WorkerView::threads).setHeader("Threads");
        workers.addComponentColumn(WorkersView::state).setHeader("State").setAutoWidth(true);
        workers.addColumn(w -> w.lastHeartbeat() == null ? "–" : TIME.format(w.lastHeartbeat()))
                .setHeader("Last heartbeat")
                .setAutoWidth(true);
        workers.addColumn(WorkerView::runsDone).setHeader("Runs done");
        workers.addColumn(w -> Formats.percent(w.utilisation())).setHeader("Utilisation (last hour)");
        workers.setAllRowsVisible(true);
        waiting.setId("runs-waiting");
        problem.addClassName("problem");
        problem.setVisible(false);
        refresh.setId("refresh-workers");
        refresh.addClickListener(e -> fetch.run());
        add(new H2("Workers"), waiting, refresh, problem, workers);
        // asked again every few seconds while open (a lost worker sends no event to show it by)
        addAttachListener(attach -> {
            UI ui = attach.getUI();
            ui.setPollInterval(REFRESH_MILLIS);
            Registration poll = ui.addPollListener(p -> fetch.run());
            addDetachListener(detach -> {
                poll.remove();
                ui.setPollInterval(-1);
                detach.unregisterListener();
            });
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        fetch.run();
    }

    private void show(WorkerOverview overview) {
        problem.setVisible(false);
        workers.setItems(overview.workers());
        waiting.setText(waitingText(overview.runsWaiting()));
    }

    static String waitingText(Map<String, Long> waiting) {
        return "Runs waiting for a worker: "
                + (waiting.isEmpty()
                        ? "0"
                        : waiting.entrySet().stream()
                                .map(e -> e.getValue() + " (" + e.getKey() + ")")
                                .collect(Collectors.joining(", ")));
    }

    /** "training" links the run and says its epoch; the other states are a word. */
    private static Component state(WorkerView w) {
        Span state = new Span(w.state().label());
        state.getElement().setAttribute("data-state", w.state().label());
        if (w.runId() == null) {
            return state;
        }
        RouterLink run = new RouterLink(
                w.runId().toString().substring(0, 8),
                RunView.class,
                new RouteParameters("id", w.runId().toString()));
        Span cell = new Span(state, new Span(" run "), run);
        if (w.state() == WorkerState.TRAINING && w.epoch() != null) {
            cell.add(new Span(" epoch " + w.epoch() + (w.epochs() == null ? "" : "/" + w.epochs())));
        }
        return cell;
    }
}
