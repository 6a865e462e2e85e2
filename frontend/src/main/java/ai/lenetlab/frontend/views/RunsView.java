package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.RunEventFeed;
import ai.lenetlab.frontend.backend.RunQuery;
import ai.lenetlab.frontend.components.Formats;
import ai.lenetlab.frontend.components.StatusBadge;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Every run, newest first: status, progress, live loss and accuracy; filter, sort, pick runs to compare. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Runs · LeNet Lab")
public class RunsView extends VerticalLayout implements BeforeEnterObserver {

    /** How many runs the Compare picker offers. */
    static final int MAX_RUNS = 5000;
    /** Runs per page; the service pages, sorts and filters, so any number of runs lists as fast. */
    static final int PAGE_SIZE = 100;

    private static final String NO_RUNS = "No runs yet. Start one under New experiment.";

    private final BackendCalls calls;
    /** The page shown, as the service answered it; the grid reads it from memory and never waits. */
    private final List<RunSummary> rows = new ArrayList<>();

    private final Map<UUID, EpochMetrics> lastEpochs = new HashMap<>();
    private RunQuery query = RunQuery.firstPage(PAGE_SIZE);
    private long total;
    final Grid<RunSummary> grid = new Grid<>();
    final TextField search = new TextField();
    final ComboBox<RunStatus> statusFilter = new ComboBox<>();
    final Button compare = new Button("Compare selected");
    final Button newer = new Button("‹ Newer");
    final Button older = new Button("Older ›");
    final Span range = new Span();
    final Div problem = new Div();

    @Inject
    public RunsView(BackendCalls calls, RunEventFeed feed) {
        this.calls = calls;
        setSizeFull();

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
        newer.setId("runs-newer");
        older.setId("runs-older");
        range.setId("runs-range");
        newer.addClickListener(e -> show(query.page(query.page() - 1)));
        older.addClickListener(e -> show(query.page(query.page() + 1)));
        HorizontalLayout toolbar = new HorizontalLayout(search, statusFilter, refresh, compare, newer, range, older);
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
        // rows are told apart by run id: a live update is a new RunSummary of the same run
        grid.setItems(new CallbackDataProvider<>(
                q -> rows.stream().skip(q.getOffset()).limit(q.getLimit()), q -> rows.size(), RunSummary::id));
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.setEmptyStateText(NO_RUNS);
        // columns the service can sort by carry its sort key; a click asks it for the first page so sorted
        grid.addComponentColumn(RunsView::runLink)
                .setHeader("Run")
                .setKey("run")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setSortProperty("preset");
        grid.addColumn(RunSummary::experimentName)
                .setHeader("Experiment")
                .setKey("experiment")
                .setSortProperty("experiment")
                .setWidth("12em")
                .setFlexGrow(1);
        grid.addComponentColumn(r -> new StatusBadge(r.status()))
                .setHeader("Status")
                .setKey("status")
                .setSortProperty("status")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(RunsView::progress)
                .setHeader("Progress")
                .setKey("progress")
                .setWidth("11em")
                .setFlexGrow(0);
        grid.addColumn(r -> Formats.loss(liveLoss(r)))
                .setHeader("Loss")
                .setKey("loss")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> Formats.percent(testAccuracy(r)))
                .setHeader("Test accuracy")
                .setKey("testAccuracy")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> Formats.orDash(r.workerId()))
                .setHeader("Worker")
                .setKey("worker")
                .setSortProperty("worker")
                .setAutoWidth(true);
        grid.addColumn(r -> Formats.orDash(r.device()))
                .setHeader("Device")
                .setKey("device")
                .setSortProperty("device")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> Formats.duration(r.durationSeconds()))
                .setHeader("Duration")
                .setKey("duration")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addSortListener(
                e -> show(new RunQuery(query.text(), query.status(), sortOf(e.getSortOrder()), 0, PAGE_SIZE)));
        grid.addSelectionListener(e -> {
            int n = e.getAllSelectedItems().size();
            compare.setEnabled(n >= 1);
            compare.setText(n == 0 ? "Compare selected" : "Compare " + n + " run" + (n == 1 ? "" : "s"));
        });
        grid.setPartNameGenerator(r -> "status-" + r.status().name().toLowerCase(Locale.ROOT));
    }

    /** Loads the page shown again (on open, on Refresh, after the live feed reconnects). */
    void reload() {
        show(query);
    }

    /** Asks the service for this page; the grid shows it when it arrives. */
    private void show(RunQuery asked) {
        query = asked;
        if (rows.isEmpty()) {
            grid.setEmptyStateText("Loading runs…");
        }
        newer.setEnabled(false);
        older.setEnabled(false);
        calls.fetch(
                this,
                backend -> backend.runs(asked),
                page -> {
                    if (asked.equals(query)) { // else a newer question's answer is on its way
                        rows.clear();
                        rows.addAll(page.runs());
                        total = page.total();
                        lastEpochs.clear();
                        rows.forEach(this::rememberLastEpoch);
                        problem.setVisible(false);
                        refresh();
                    }
                },
                e -> {
                    problem.setText(e.getMessage());
                    problem.setVisible(true);
                    refresh();
                });
    }

    private void refresh() {
        grid.setEmptyStateText(query.showsNewRunsOnTop() ? NO_RUNS : "No runs match.");
        long first = (long) query.page() * query.size();
        range.setText(
                total == 0
                        ? "no runs"
                        : String.format(Locale.ROOT, "%,d–%,d of %,d", first + 1, first + rows.size(), total));
        newer.setEnabled(query.page() > 0);
        older.setEnabled(first + rows.size() < total);
        grid.getDataProvider().refreshAll();
    }

    /** A change from the live feed: replace the run in place, or put a new one on top of the first page. */
    void update(RunSummary run) {
        rememberLastEpoch(run);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(run.id())) {
                rows.set(i, run);
                grid.getDataProvider().refreshItem(run);
                return;
            }
        }
        if (query.showsNewRunsOnTop()) {
            rows.add(0, run);
            if (rows.size() > query.size()) {
                rows.remove(rows.size() - 1);
            }
            total++;
            refresh();
        }
    }

    List<RunSummary> visibleRuns() {
        return List.copyOf(rows);
    }

    private void applyFilter() {
        String text = search.getValue() == null ? "" : search.getValue().strip();
        show(new RunQuery(text, statusFilter.getValue(), query.sort(), 0, PAGE_SIZE));
    }

    /** The API's sort for the grid's: the first sorted column, "-" for descending; else newest first. */
    private static String sortOf(List<GridSortOrder<RunSummary>> orders) {
        return orders.stream()
                .findFirst()
                .map(o -> (o.getDirection() == SortDirection.DESCENDING ? "-" : "")
                        + o.getSorted()
                                .getSortOrder(SortDirection.ASCENDING)
                                .findFirst()
                                .map(QuerySortOrder::getSorted)
                                .orElse("createdAt"))
                .orElse(RunQuery.NEWEST_FIRST);
    }

    private void openCompare() {
        List<UUID> ids = grid.getSelectedItems().stream().map(RunSummary::id).toList();
        getUI().ifPresent(ui -> ui.navigate("compare", CompareRunsView.query(ids)));
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
        int epoch = r.progress() != null
                ? r.progress().epoch()
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
