package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.RunEventFeed;
import ai.lenetlab.frontend.components.Formats;
import ai.lenetlab.frontend.components.StatusBadge;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.RouteParameters;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Every run, newest first: status, progress, live loss and accuracy; filter, sort, pick runs to compare. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Runs · LeNet Lab")
public class RunsView extends VerticalLayout implements BeforeEnterObserver {

    /** How many runs the page holds; the grid scrolls lazily through them. */
    static final int MAX_RUNS = 5000;
    private static final String NO_RUNS = "No runs yet. Start one under New experiment.";

    private final BackendCalls calls;
    private final List<RunSummary> runs = new ArrayList<>();
    private final Map<UUID, EpochMetrics> lastEpochs = new HashMap<>();
    private final ListDataProvider<RunSummary> dataProvider;
    final Grid<RunSummary> grid = new Grid<>();
    final TextField search = new TextField();
    final ComboBox<RunStatus> statusFilter = new ComboBox<>();
    final Button compare = new Button("Compare selected");
    final Div problem = new Div();

    @Inject
    public RunsView(BackendCalls calls, RunEventFeed feed) {
        this.calls = calls;
        setSizeFull();
        dataProvider = new ListDataProvider<>(runs) {
            @Override
            public Object getId(RunSummary run) {
                return run.id();
            }
        };

        grid.setId("runs");
        search.setPlaceholder("Filter by experiment, preset or worker");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> applyFilter());
        search.setWidth("22em");
        statusFilter.setPlaceholder("Any status");
        statusFilter.setItems(RunStatus.values());
        statusFilter.setItemLabelGenerator(s -> s.name().toLowerCase(Locale.ROOT));
        statusFilter.setClearButtonVisible(true);
        statusFilter.addValueChangeListener(e -> applyFilter());
        compare.addThemeVariants(ButtonVariant.PRIMARY);
        compare.setEnabled(false);
        compare.addClickListener(e -> openCompare());
        Button refresh = new Button("Refresh", e -> reload());
        HorizontalLayout toolbar = new HorizontalLayout(search, statusFilter, refresh, compare);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        configureGrid();
        problem.addClassName("problem");
        problem.setVisible(false);
        add(toolbar, problem, grid);
        setFlexGrow(1, grid);

        LiveUpdates.whileAttached(this, feed, ui -> new RunEventFeed.Listener() {
            @Override
            public void runChanged(RunSummary run) {
                ui.access(() -> update(run));
            }

            private Boolean wasLive;

            @Override
            public void connectionChanged(boolean live) {
                if (live && Boolean.FALSE.equals(wasLive)) {
                    ui.access(RunsView.this::reload); // catch up on what happened while disconnected
                }
                wasLive = live;
            }
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        reload();
    }

    private void configureGrid() {
        grid.setDataProvider(dataProvider);
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.setEmptyStateText(NO_RUNS);
        grid.addComponentColumn(RunsView::runLink).setHeader("Run").setKey("run").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Comparator.comparing(RunsView::label));
        grid.addColumn(RunSummary::experimentName).setHeader("Experiment").setKey("experiment").setSortable(true)
                .setWidth("12em").setFlexGrow(1);
        grid.addComponentColumn(r -> new StatusBadge(r.status())).setHeader("Status").setKey("status")
                .setComparator(Comparator.comparing(RunSummary::status)).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(RunsView::progress).setHeader("Progress").setKey("progress").setWidth("11em").setFlexGrow(0)
                .setComparator(Comparator.comparingDouble(RunSummary::progressFraction));
        grid.addColumn(r -> Formats.loss(liveLoss(r))).setHeader("Loss").setKey("loss").setTextAlign(ColumnTextAlign.END)
                .setComparator(Comparator.comparing(this::liveLoss, Comparator.nullsLast(Double::compare)))
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> Formats.percent(testAccuracy(r))).setHeader("Test accuracy").setKey("testAccuracy")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0)
                .setComparator(Comparator.comparing(this::testAccuracy, Comparator.nullsLast(Double::compare)));
        grid.addColumn(r -> Formats.orDash(r.workerId())).setHeader("Worker").setKey("worker").setSortable(true).setAutoWidth(true);
        grid.addColumn(r -> Formats.orDash(r.device())).setHeader("Device").setKey("device").setSortable(true).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> Formats.duration(r.durationSeconds())).setHeader("Duration").setKey("duration")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true).setFlexGrow(0)
                .setComparator(Comparator.comparing(RunSummary::durationSeconds, Comparator.nullsLast(Double::compare)));
        grid.addSelectionListener(e -> {
            int n = e.getAllSelectedItems().size();
            compare.setEnabled(n >= 1);
            compare.setText(n == 0 ? "Compare selected" : "Compare " + n + " run" + (n == 1 ? "" : "s"));
        });
        grid.setPartNameGenerator(r -> "status-" + r.status().name().toLowerCase(Locale.ROOT));
    }

    /** Loads the newest runs again (on open, on Refresh, after the live feed reconnects). */
    void reload() {
        if (runs.isEmpty()) {
            grid.setEmptyStateText("Loading runs…");
        }
        calls.fetch(this, backend -> backend.runs(MAX_RUNS), fresh -> {
            runs.clear();
            runs.addAll(fresh);
            lastEpochs.clear();
            fresh.forEach(this::rememberLastEpoch);
            problem.setVisible(false);
            grid.setEmptyStateText(NO_RUNS);
            dataProvider.refreshAll();
        }, e -> {
            problem.setText(e.getMessage());
            problem.setVisible(true);
            grid.setEmptyStateText(NO_RUNS);
        });
    }

    /** A change from the live feed: replace the run in place, or put a new one on top. */
    void update(RunSummary run) {
        rememberLastEpoch(run);
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).id().equals(run.id())) {
                runs.set(i, run);
                dataProvider.refreshItem(run);
                return;
            }
        }
        runs.add(0, run);
        dataProvider.refreshAll();
    }

    List<RunSummary> visibleRuns() {
        return dataProvider.fetch(new Query<>(dataProvider.getFilter())).toList();
    }

    private void applyFilter() {
        String text = search.getValue() == null ? "" : search.getValue().trim().toLowerCase(Locale.ROOT);
        RunStatus status = statusFilter.getValue();
        dataProvider.setFilter(r -> (status == null || r.status() == status)
                && (text.isEmpty() || contains(r.experimentName(), text) || contains(r.preset(), text)
                || contains(r.workerId(), text)));
    }

    private void openCompare() {
        List<UUID> ids = grid.getSelectedItems().stream().map(RunSummary::id).toList();
        getUI().ifPresent(ui -> ui.navigate("compare", CompareRunsView.query(ids)));
    }

    private static boolean contains(String value, String text) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(text);
    }

    static String label(RunSummary r) {
        return (r.preset() != null ? r.preset() : "custom") + " · seed " + r.seed();
    }

    private static Component runLink(RunSummary r) {
        RouterLink link = new RouterLink(label(r), RunView.class, new RouteParameters("id", r.id().toString()));
        link.getElement().setAttribute("data-run-id", r.id().toString());
        return link;
    }

    private static Component progress(RunSummary r) {
        ProgressBar bar = new ProgressBar(0, 1, Math.min(1, Math.max(0, r.progressFraction())));
        int epoch = r.progress() != null ? r.progress().epoch()
                : r.lastEpoch() != null ? r.lastEpoch().epoch() : 0;
        if (r.status() == RunStatus.COMPLETED) {
            epoch = r.epochs();
        }
        Span text = new Span("epoch " + epoch + " of " + r.epochs());
        text.addClassName("progress-text");
        Div cell = new Div(bar, text);
        cell.addClassName("progress-cell");
        return cell;
    }

    /** While training: the running loss of the current epoch; afterwards the last epoch's train loss. */
    Double liveLoss(RunSummary r) {
        if (r.status() == RunStatus.RUNNING && r.progress() != null) {
            return r.progress().runningLoss();
        }
        EpochMetrics last = lastEpoch(r);
        return last == null ? null : last.trainLoss();
    }

    Double testAccuracy(RunSummary r) {
        EpochMetrics last = lastEpoch(r);
        return last == null ? null : last.testAccuracy();
    }

    /** Status events carry no epoch metrics: the page keeps the newest ones it has seen. */
    private void rememberLastEpoch(RunSummary r) {
        if (r.lastEpoch() != null) {
            lastEpochs.put(r.id(), r.lastEpoch());
        }
    }

    private EpochMetrics lastEpoch(RunSummary r) {
        return r.lastEpoch() != null ? r.lastEpoch() : lastEpochs.get(r.id());
    }
}
