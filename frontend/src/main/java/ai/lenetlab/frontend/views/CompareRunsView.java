package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.EpochMetric;
import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.CompareView.ComparedRun;
import ai.lenetlab.contracts.api.CompareView.ConfigField;
import ai.lenetlab.contracts.api.CompareView.ConfigSummary;
import ai.lenetlab.contracts.api.CompareView.Contrast;
import ai.lenetlab.contracts.api.CompareView.GroupEpoch;
import ai.lenetlab.contracts.api.CompareView.SeedGroup;
import ai.lenetlab.contracts.api.CompareView.Stat;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.BackendException;
import ai.lenetlab.frontend.backend.CompareExport;
import ai.lenetlab.frontend.backend.CompareQuery;
import ai.lenetlab.frontend.components.ChartOptions;
import ai.lenetlab.frontend.components.ChartOptions.Band;
import ai.lenetlab.frontend.components.ChartOptions.Line;
import ai.lenetlab.frontend.components.ConfigTable;
import ai.lenetlab.frontend.components.EChart;
import ai.lenetlab.frontend.components.Formats;
import ai.lenetlab.frontend.components.StatusBadge;
import ai.lenetlab.frontend.components.Verdict;
import ai.lenetlab.frontend.security.CurrentUser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Runs side by side: configs with differing fields marked ("differences only"), final and best-epoch
 * metrics, overlaid curves, seed groups as mean ± std with what is significant between them, and the
 * comparison as files (CSV, Markdown, LaTeX). The selection lives in the URL: /compare?runs=a,b, or
 * /compare?experiment=e for every run of an experiment, with &baseline= for the group to contrast with.
 */
@Route(value = "compare", layout = MainLayout.class)
@PageTitle("Compare · LeNet Lab")
public class CompareRunsView extends VerticalLayout implements BeforeEnterObserver {

    /** The curves shown, in order: the metric (its series in the API, its title), the y axis, the seed groups' statistic. */
    enum Curve {
        TEST_ACCURACY(EpochMetric.TEST_ACCURACY, "accuracy", GroupEpoch::testAccuracy),
        TEST_LOSS(EpochMetric.TEST_LOSS, "loss", GroupEpoch::testLoss),
        TRAIN_ACCURACY(EpochMetric.TRAIN_ACCURACY, "accuracy", GroupEpoch::trainAccuracy),
        TRAIN_LOSS(EpochMetric.TRAIN_LOSS, "loss", GroupEpoch::trainLoss);

        final String series;
        final String title;
        final String axis;
        final Function<GroupEpoch, Stat> groupStat;

        Curve(EpochMetric metric, String axis, Function<GroupEpoch, Stat> groupStat) {
            this.series = metric.key();
            this.title = metric.title();
            this.axis = axis;
            this.groupStat = groupStat;
        }
    }

    /**
     * Past this many runs the page shows what still reads: grids scroll instead of growing, the config
     * table has a column per config (not per run), and charts with seed groups draw their means.
     */
    static final int MANY_RUNS = 24;
    /** Contrasts said in words at most; the API has them all. */
    static final int MAX_VERDICTS = 12;
    /** The config table's columns at most; the exports hold them all. */
    static final int MAX_CONFIG_COLUMNS = 40;

    private final BackendCalls calls;
    private CompareQuery current = CompareQuery.ofRuns(List.of());
    private boolean pickerLoaded;
    CompareView view;

    final MultiSelectComboBox<RunSummary> picker = new MultiSelectComboBox<>("Runs to compare");
    final Button applyChoice = new Button("Compare these");
    final Checkbox differencesOnly = new Checkbox("Differences only", true);
    final Div problem = new Div();
    final Div empty = new Div();
    final Div loading = new Div(new Paragraph("Loading the comparison…"));
    final Paragraph noGroups = new Paragraph(
            "No two of these runs share a config apart from the seed, so there is "
                    + "no mean ± std to show. Train a config with several seeds (New experiment → Seeds: 1, 2, 3) and compare those.");
    final Grid<ComparedRun> metrics = new Grid<>();
    final Grid<SeedGroup> groups = new Grid<>();
    /** Each pair of seed groups on final test accuracy, in words (Verdict). */
    final Div verdicts = new Div();
    /** The seed group every other is contrasted with; empty: every pair. */
    final ComboBox<String> baseline = new ComboBox<>("Contrast with");
    /** The comparison as files, fetched from the service when clicked (never under the session lock). */
    final Map<CompareExport, Anchor> exports = new EnumMap<>(CompareExport.class);

    /** Where two of the runs differ on the test set. */
    final RunDifferencePanel difference;

    final ConfigTable config = new ConfigTable();
    final Paragraph configNote = new Paragraph();
    final Map<String, EChart> charts = new LinkedHashMap<>();
    private final Div content = new Div();

    @Inject
    public CompareRunsView(BackendCalls calls) {
        this.calls = calls;
        this.difference = new RunDifferencePanel(calls);
        setMaxWidth("100em");
        metrics.setId("compare-metrics");
        groups.setId("compare-groups");
        verdicts.setId("compare-verdicts");
        config.setId("compare-config");
        picker.setItemLabelGenerator(r -> RunsView.label(r) + " — " + r.experimentName() + " ("
                + r.status().name().toLowerCase(Locale.ROOT) + ")");
        picker.setWidth("40em");
        picker.setAutoExpand(MultiSelectComboBox.AutoExpandMode.VERTICAL);
        picker.setPlaceholder("Pick runs");
        picker.setItems(List.of()); // until the runs arrive
        // The picker's choice counts when the user presses "Compare these". Its own events also report
        // values set by the server and, after a push, an empty selection it never showed
        // (vaadin/flow-components#9611); following them emptied the comparison right after it
        // arrived, or kept the page comparing anew under load.
        applyChoice.addClickListener(
                e -> select(picker.getValue().stream().map(RunSummary::id).toList()));
        differencesOnly.addValueChangeListener(e -> config.setDifferencesOnly(e.getValue()));
        baseline.setId("compare-baseline");
        baseline.setPlaceholder("every pair");
        baseline.setClearButtonVisible(true);
        baseline.setWidth("30em");
        baseline.addValueChangeListener(e -> {
            if (e.isFromClient() && !Objects.equals(e.getValue(), current.baseline())) {
                setQuery(current.withBaseline(e.getValue()));
            }
        });
        Div exportLinks = new Div();
        exportLinks.setId("compare-exports");
        exportLinks.addClassName("exports");
        for (CompareExport format : CompareExport.values()) {
            Anchor link = new Anchor();
            link.setText(format.label);
            link.getElement().setAttribute("data-export", format.name());
            exports.put(format, link);
            exportLinks.add(link);
        }
        config.setDifferencesOnly(true);
        problem.addClassName("problem");
        problem.setVisible(false);
        empty.add(new Paragraph("Pick two or more runs above and press Compare these, or select them on the Runs page "
                + "and press Compare."));
        empty.addClassName("empty-state");

        configureGrids();
        Div chartRow = new Div();
        chartRow.addClassName("chart-row");
        for (Curve curve : Curve.values()) {
            EChart chart = new EChart("320px");
            chart.getElement().setAttribute("data-metric", curve.series);
            charts.put(curve.series, chart);
            chartRow.add(chart);
        }
        content.add(
                new H3("Results"),
                metrics,
                new H3("Seed groups (mean ± std)"),
                noGroups,
                groups,
                baseline,
                verdicts,
                new H3("Curves"),
                chartRow,
                new H3("Where two runs differ"),
                difference,
                new H3("Configuration"),
                differencesOnly,
                configNote,
                config,
                new H3("Export"),
                exportLinks);
        content.setWidthFull();
        loading.addClassName("empty-state");
        loading.setVisible(false);
        HorizontalLayout choice = new HorizontalLayout(picker, applyChoice);
        choice.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H2("Compare runs"), choice, problem, empty, loading, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters =
                event.getLocation().getQueryParameters().getParameters();
        List<String> bad = new ArrayList<>();
        List<UUID> runs = ids(parameters.getOrDefault("runs", List.of()), bad);
        List<UUID> experiments = ids(parameters.getOrDefault("experiment", List.of()), bad);
        String base = parameters.getOrDefault("baseline", List.of()).stream()
                .findFirst()
                .orElse(null);
        current = new CompareQuery(runs, experiments, base);
        if (current.isEmpty()) {
            loadPicker(); // else once the comparison is shown: both at once slow the page down
        }
        refresh();
        if (!bad.isEmpty()) {
            showProblem("Ignored what is not an id: " + String.join(", ", bad));
        }
    }

    private static List<UUID> ids(List<String> parameter, List<String> bad) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (String part : String.join(",", parameter).split(",")) {
            if (!part.isBlank()) {
                try {
                    ids.add(UUID.fromString(part.trim()));
                } catch (IllegalArgumentException e) {
                    bad.add(part);
                }
            }
        }
        return List.copyOf(ids);
    }

    /** Changes the selection to these runs and puts it in the URL, so the page can be shared or bookmarked. */
    void select(List<UUID> ids) {
        if (current.experiments().isEmpty() && Set.copyOf(ids).equals(Set.copyOf(current.runs()))) {
            return; // the same runs: nothing new to compare
        }
        setQuery(CompareQuery.ofRuns(List.copyOf(new LinkedHashSet<>(ids))));
    }

    private void setQuery(CompareQuery query) {
        current = query;
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, location(current)));
        refresh();
    }

    /** The page's address for this comparison: compare?runs=a,b (commas kept readable). */
    static String location(CompareQuery query) {
        return query.isEmpty() ? "compare" : "compare?" + query(query).getQueryString();
    }

    /** The page's query parameters for these runs. */
    static QueryParameters query(List<UUID> runs) {
        return query(CompareQuery.ofRuns(runs));
    }

    static QueryParameters query(CompareQuery query) {
        List<String> parts = new ArrayList<>();
        if (query.runsParameter() != null) {
            parts.add("runs=" + query.runsParameter());
        }
        if (query.experimentParameter() != null) {
            parts.add("experiment=" + query.experimentParameter());
        }
        if (query.baseline() != null && !query.baseline().isBlank()) {
            parts.add("baseline=" + URLEncoder.encode(query.baseline(), StandardCharsets.UTF_8));
        }
        return QueryParameters.fromString(String.join("&", parts));
    }

    List<UUID> selection() {
        return current.runs();
    }

    private void loadPickerOnce() {
        if (!pickerLoaded) {
            loadPicker();
        }
    }

    private void loadPicker() {
        pickerLoaded = true;
        calls.fetch(
                this,
                backend -> backend.runs(RunsView.MAX_RUNS),
                runs -> {
                    picker.setItems(runs);
                    syncPicker();
                },
                e -> showProblem(e.getMessage()));
    }

    private void refresh() {
        problem.setVisible(false);
        syncPicker();
        if (current.isEmpty()) {
            view = null;
            empty.setVisible(true);
            content.setVisible(false);
            return;
        }
        CompareQuery asked = current;
        empty.setVisible(false);
        loading.setVisible(true);
        calls.fetch(
                this,
                backend -> backend.compare(asked),
                answer -> {
                    if (asked.equals(current)) { // else a newer selection's answer is on its way
                        show(answer);
                    }
                },
                e -> {
                    if (asked.equals(current)) {
                        showFailure(e);
                    }
                });
    }

    private void showFailure(BackendException e) {
        loadPickerOnce();
        loading.setVisible(false);
        view = null;
        content.setVisible(false);
        empty.setVisible(false);
        showProblem(e.getMessage());
    }

    private void show(CompareView answer) {
        loadPickerOnce();
        view = answer;
        loading.setVisible(false);
        empty.setVisible(false);
        content.setVisible(true);
        boolean many = view.runs().size() > MANY_RUNS;
        metrics.setItems(view.runs());
        metrics.setAllRowsVisible(!many);
        metrics.setHeight(many ? "28em" : null);
        groups.setItems(view.groups());
        groups.setAllRowsVisible(view.groups().size() <= MANY_RUNS);
        groups.setHeight(view.groups().size() > MANY_RUNS ? "28em" : null);
        groups.setVisible(!view.groups().isEmpty());
        noGroups.setVisible(view.groups().isEmpty());
        baseline.setItems(view.groups().stream().map(SeedGroup::label).toList());
        baseline.setValue(view.groups().stream()
                .filter(g -> g.label().equals(current.baseline())
                        || g.runIds().stream().anyMatch(id -> id.toString().equals(current.baseline())))
                .map(SeedGroup::label)
                .findFirst()
                .orElse(null));
        baseline.setVisible(view.groups().size() > 1);
        offerExports(current);
        difference.show(view);
        verdicts.removeAll();
        List<Contrast> onAccuracy = view.contrasts().stream()
                .filter(c -> c.metric().equals("finalTestAccuracy"))
                .toList();
        Verdict.tests(view.contrasts()).ifPresent(line -> verdicts.add(new Paragraph(line)));
        view.groups().stream()
                .map(Verdict::caveats)
                .flatMap(Optional::stream)
                .forEach(line -> verdicts.add(new Paragraph(line)));
        onAccuracy.stream().limit(MAX_VERDICTS).forEach(c -> verdicts.add(new Paragraph(Verdict.of(c))));
        if (onAccuracy.size() > MAX_VERDICTS) {
            verdicts.add(new Paragraph((onAccuracy.size() - MAX_VERDICTS)
                    + " more contrasts: choose a baseline above, or read them all in the API's contrasts."));
        }
        showConfig(view);
        config.setDifferencesOnly(differencesOnly.getValue());
        for (Curve curve : Curve.values()) {
            charts.get(curve.series).setOption(curves(view, curve));
        }
    }

    /**
     * A column per run; for many runs, a column per config (its first run's values, seed aside), at
     * most {@link #MAX_CONFIG_COLUMNS}.
     */
    private void showConfig(CompareView view) {
        if (view.runs().size() <= MANY_RUNS || view.summary().isEmpty()) {
            config.show(view.runs().stream().map(ComparedRun::label).toList(), view.config());
            configNote.setVisible(false);
            return;
        }
        List<UUID> ids = view.runs().stream().map(ComparedRun::id).toList();
        List<ConfigSummary> shown =
                view.summary().stream().limit(MAX_CONFIG_COLUMNS).toList();
        List<Integer> columns =
                shown.stream().map(c -> ids.indexOf(c.runIds().get(0))).toList();
        List<ConfigField> fields = view.config().stream()
                .filter(f -> !f.name().equals("seed"))
                .map(f -> new ConfigField(
                        f.name(), columns.stream().map(f.values()::get).toList(), f.differs()))
                .toList();
        config.show(
                shown.stream().map(c -> c.config() + " × " + c.runIds().size()).toList(), fields);
        configNote.setText(
                view.summary().size() > shown.size()
                        ? "A column per config: the first " + shown.size() + " of "
                                + view.summary().size() + " (the exports below hold them all)."
                        : "A column per config (" + view.runs().size() + " runs).");
        configNote.setVisible(true);
    }

    /**
     * One line per run, plus a mean line with a ± std band per seed group; for many runs with seed
     * groups, the groups only (hundreds of lines hide each other).
     */
    static ObjectNode curves(CompareView view, Curve curve) {
        Map<UUID, List<Double>> perRun = view.series().getOrDefault(curve.series, Map.of());
        boolean groupsOnly = view.runs().size() > MANY_RUNS && !view.groups().isEmpty();
        List<Line> lines = groupsOnly
                ? List.of()
                : view.runs().stream()
                        .map(r -> new Line(r.label(), perRun.getOrDefault(r.id(), List.of())))
                        .toList();
        if (view.groups().size() > MANY_RUNS) { // dozens of overlapping bands hide each other: the means
            List<Line> means = view.groups().stream()
                    .map(g -> band(g, curve.groupStat, view.epochNumbers()))
                    .map(b -> new Line(b.name(), b.mean()))
                    .toList();
            return ChartOptions.curves(curve.title, curve.axis, view.epochNumbers(), means, List.of());
        }
        List<Band> bands = view.groups().stream()
                .map(g -> band(g, curve.groupStat, view.epochNumbers()))
                .toList();
        return ChartOptions.curves(curve.title, curve.axis, view.epochNumbers(), lines, bands);
    }

    private static Band band(SeedGroup group, Function<GroupEpoch, Stat> stat, List<Integer> epochs) {
        List<Double> mean = new ArrayList<>();
        List<Double> std = new ArrayList<>();
        for (int epoch : epochs) {
            Stat s = group.epochs().stream()
                    .filter(e -> e.epoch() == epoch)
                    .findFirst()
                    .map(stat)
                    .orElse(null);
            mean.add(s == null ? null : s.mean());
            std.add(s == null ? null : s.std());
        }
        return new Band("mean " + group.label(), mean, std);
    }

    /** Each export link fetches its file when clicked, as the signed-in user, outside the session lock. */
    private void offerExports(CompareQuery query) {
        String authorization = CurrentUser.authorization();
        exports.forEach((format, link) -> link.setHref(DownloadHandler.fromInputStream(event -> {
            byte[] file = calls.callAs(authorization, backend -> backend.export(query, format))
                    .getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(
                    new ByteArrayInputStream(file),
                    format.fileName,
                    format.contentType + "; charset=UTF-8",
                    file.length);
        })));
    }

    private void syncPicker() {
        Set<UUID> ids = Set.copyOf(current.runs());
        picker.setValue(picker.getListDataView()
                .getItems()
                .filter(r -> ids.contains(r.id()))
                .collect(Collectors.toSet()));
    }

    private void configureGrids() {
        metrics.addColumn(ComparedRun::label).setHeader("Run").setAutoWidth(true);
        metrics.addColumn(ComparedRun::experimentName).setHeader("Experiment").setAutoWidth(true);
        metrics.addComponentColumn(r -> new StatusBadge(r.status()))
                .setHeader("Status")
                .setAutoWidth(true);
        metric(
                metrics,
                "finalTestAccuracy",
                "Final test acc.",
                r -> Formats.percent(value(r.finalMetrics(), EpochMetrics::testAccuracy)));
        metric(
                metrics,
                "bestTestAccuracy",
                "Best test acc.",
                r -> Formats.percent(value(r.bestMetrics(), EpochMetrics::testAccuracy)));
        metric(
                metrics,
                "bestEpoch",
                "Best epoch",
                r -> r.bestMetrics() == null
                        ? "–"
                        : String.valueOf(r.bestMetrics().epoch()));
        metric(
                metrics,
                "finalTestLoss",
                "Final test loss",
                r -> Formats.loss(value(r.finalMetrics(), EpochMetrics::testLoss)));
        metric(
                metrics,
                "finalTrainLoss",
                "Final train loss",
                r -> Formats.loss(value(r.finalMetrics(), EpochMetrics::trainLoss)));
        metric(
                metrics,
                "epochs",
                "Epochs",
                r -> r.finalMetrics() == null
                        ? "0"
                        : String.valueOf(r.finalMetrics().epoch()));
        metrics.setAllRowsVisible(true);

        groups.addColumn(SeedGroup::label).setHeader("Config").setAutoWidth(true);
        groups.addColumn(g -> g.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .setHeader("Seeds");
        metric(groups, "finalTestAccuracy", "Final test acc.", g -> meanStd(g.finalTestAccuracy()));
        metric(groups, "bestTestAccuracy", "Best test acc.", g -> meanStd(g.bestTestAccuracy()));
        groups.setAllRowsVisible(true);
    }

    private static <T> void metric(Grid<T> grid, String key, String header, ValueProvider<T, String> value) {
        grid.addColumn(value)
                .setKey(key)
                .setHeader(header)
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
    }

    private static Double value(EpochMetrics m, ToDoubleFunction<EpochMetrics> f) {
        return m == null ? null : f.applyAsDouble(m);
    }

    static String meanStd(Stat s) {
        return s == null
                ? "–"
                : String.format(Locale.ROOT, "%.2f ± %.2f %% (n = %d)", s.mean() * 100, s.std() * 100, s.n());
    }

    private void showProblem(String message) {
        problem.setText(message);
        problem.setVisible(true);
    }
}
