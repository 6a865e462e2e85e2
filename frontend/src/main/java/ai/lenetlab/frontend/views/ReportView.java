package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.CompareView.ComparedRun;
import ai.lenetlab.contracts.api.CompareView.Contrast;
import ai.lenetlab.contracts.api.CompareView.SeedGroup;
import ai.lenetlab.contracts.api.CompareView.Stat;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.BackendException;
import ai.lenetlab.frontend.backend.CompareQuery;
import ai.lenetlab.frontend.backend.RunEventFeed;
import ai.lenetlab.frontend.components.Verdict;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The report, reproduced properly: for an experiment of the report's models (as "Reproduce the
 * report" submits it, three seeds each), the report's one-run figures beside ours as mean ± std, and
 * whether each step of the report — model 2 over model 1, model 3 over model 2, model 4 over model 3 —
 * is more than seed noise. Updates while the runs train; the address is the page to share.
 */
@Route(value = "report/:experiment", layout = MainLayout.class)
@PageTitle("The report, reproduced · LeNet Lab")
public class ReportView extends VerticalLayout implements BeforeEnterObserver {

    /** The report's steps, each a model against the one before it. */
    static final List<List<String>> STEPS =
            List.of(List.of("model-2", "model-1"), List.of("model-3", "model-2"), List.of("model-4", "model-3"));

    /** One row of the table: a model, what the report says, what we measured. */
    record Row(
            String preset, String title, String reported, Stat finalAccuracy, Stat bestAccuracy, long done, int runs) {}

    private final BackendCalls calls;
    private final RunEventFeed feed;
    private UUID experiment;
    private final CoalescedFetch<Loaded> reload;
    CompareView view;

    final Paragraph progress = new Paragraph();
    final Div problem = new Div();
    final Grid<Row> table = new Grid<>();
    final Div verdicts = new Div();
    final Anchor compare = new Anchor();

    @Inject
    public ReportView(BackendCalls calls, RunEventFeed feed) {
        this.calls = calls;
        this.feed = feed;
        this.reload = new CoalescedFetch<>(
                calls,
                this,
                () -> {
                    UUID asked = experiment;
                    return backend ->
                            new Loaded(backend.compare(CompareQuery.ofExperiments(List.of(asked))), backend.presets());
                },
                this::show,
                this::showFailure);
        setMaxWidth("80em");
        progress.setId("report-progress");
        problem.addClassName("problem");
        problem.setVisible(false);
        table.setId("report-table");
        table.addColumn(Row::title).setHeader("Model").setAutoWidth(true);
        table.addColumn(Row::reported)
                .setKey("reported")
                .setHeader("The report (one run)")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        table.addColumn(r -> CompareRunsView.meanStd(r.finalAccuracy()))
                .setKey("final")
                .setHeader("Ours: final test accuracy")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        table.addColumn(r -> CompareRunsView.meanStd(r.bestAccuracy()))
                .setKey("best")
                .setHeader("Ours: best epoch")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        table.addColumn(r -> r.done() + " of " + r.runs())
                .setKey("runs")
                .setHeader("Runs done")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        table.setAllRowsVisible(true);
        verdicts.setId("report-verdicts");
        compare.setText("Open in Compare (curves, configs, exports)");
        add(
                new H2("The report, reproduced"),
                progress,
                problem,
                table,
                new H3("Is each step more than seed noise?"),
                verdicts,
                compare);
        LiveUpdates.whileAttached(this, feed, ui -> new RunEventFeed.Listener() {
            @Override
            public void runChanged(RunSummary run) {
                if (run.experimentId().equals(experiment) && run.status().isFinal()) {
                    ui.access(ReportView.this::load);
                }
            }
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            experiment =
                    UUID.fromString(event.getRouteParameters().get("experiment").orElse(""));
        } catch (IllegalArgumentException e) {
            showProblem("That is not an experiment id.");
            return;
        }
        compare.setHref(CompareRunsView.location(CompareQuery.ofExperiments(List.of(experiment))));
        load();
    }

    /** Fetches the comparison (one fetch at a time, again after changes meanwhile). */
    private void load() {
        reload.run();
    }

    private record Loaded(CompareView view, List<Preset> presets) {}

    private void show(Loaded loaded) {
        view = loaded.view();
        problem.setVisible(false);
        List<Row> rows = rows(view, loaded.presets());
        table.setItems(rows);
        long done = rows.stream().mapToLong(Row::done).sum();
        int runs = rows.stream().mapToInt(Row::runs).sum();
        progress.setText(
                done == runs
                        ? "All " + runs + " runs are done."
                        : done + " of " + runs + " runs are done; the table fills in as they finish.");
        verdicts.removeAll();
        Map<String, Row> byPreset = rows.stream()
                .filter(r -> r.preset() != null)
                .collect(Collectors.toMap(Row::preset, Function.identity(), (first, second) -> first));
        for (List<String> step : STEPS) {
            Row newer = byPreset.get(step.get(0));
            Row older = byPreset.get(step.get(1));
            boolean finished =
                    newer != null && older != null && newer.done() == newer.runs() && older.done() == older.runs();
            String text = finished
                    ? contrast(view, step.get(0), step.get(1))
                            .map(Verdict::of)
                            .orElse(step.get(0) + " vs " + step.get(1) + ": needs two or more runs of each.")
                    : step.get(0) + " vs " + step.get(1) + ": judged once all their runs are done.";
            Paragraph line = new Paragraph(text);
            line.getElement().setAttribute("data-step", step.get(0) + "-vs-" + step.get(1));
            verdicts.add(line);
        }
    }

    private void showFailure(BackendException e) {
        showProblem(e.notFound() ? "Experiment " + experiment + " does not exist." : e.getMessage());
    }

    private void showProblem(String message) {
        problem.setText(message);
        problem.setVisible(true);
    }

    /** A row per config of the experiment, titled by its preset, with the report's figure beside ours. */
    static List<Row> rows(CompareView view, List<Preset> presets) {
        Map<UUID, ComparedRun> runs =
                view.runs().stream().collect(Collectors.toMap(ComparedRun::id, Function.identity()));
        Map<String, Preset> byId = presets.stream().collect(Collectors.toMap(Preset::id, Function.identity()));
        return view.summary().stream()
                .map(config -> {
                    String preset = runs.get(config.runIds().get(0)).preset();
                    Preset known = preset == null ? null : byId.get(preset);
                    long done = config.runIds().stream()
                            .filter(id -> runs.get(id).status() == RunStatus.COMPLETED)
                            .count();
                    return new Row(
                            preset,
                            known == null ? config.config() : known.title(),
                            known == null || known.reportedAccuracy() == null
                                    ? "–"
                                    : String.format(Locale.ROOT, "%.0f %%", known.reportedAccuracy() * 100),
                            config.finalTestAccuracy(),
                            config.bestTestAccuracy(),
                            done,
                            config.runIds().size());
                })
                .toList();
    }

    /** The contrast on final test accuracy between the seed groups of two presets, either way round. */
    static Optional<Contrast> contrast(CompareView view, String presetA, String presetB) {
        Optional<String> a = groupOf(view, presetA);
        Optional<String> b = groupOf(view, presetB);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        return view.contrasts().stream()
                .filter(c -> c.metric().equals("finalTestAccuracy"))
                .filter(c -> c.a().equals(a.get()) && c.b().equals(b.get())
                        || c.a().equals(b.get()) && c.b().equals(a.get()))
                .findFirst();
    }

    private static Optional<String> groupOf(CompareView view, String preset) {
        Map<UUID, String> presets = view.runs().stream()
                .filter(r -> r.preset() != null)
                .collect(Collectors.toMap(ComparedRun::id, ComparedRun::preset));
        return view.groups().stream()
                .filter(g -> g.runIds().stream().map(presets::get).allMatch(p -> Objects.equals(p, preset)))
                .map(SeedGroup::label)
                .findFirst();
    }
}
