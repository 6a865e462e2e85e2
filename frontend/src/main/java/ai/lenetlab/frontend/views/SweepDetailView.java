package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.api.CompareView.Stat;
import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.BackendException;
import ai.lenetlab.frontend.backend.CompareQuery;
import ai.lenetlab.frontend.backend.RunEventFeed;
import ai.lenetlab.frontend.backend.SweepAction;
import ai.lenetlab.frontend.components.ChartOptions;
import ai.lenetlab.frontend.components.EChart;
import ai.lenetlab.sweeps.SweepSpec;
import ai.lenetlab.sweeps.SweepStatus;
import ai.lenetlab.sweeps.SweepView;
import ai.lenetlab.sweeps.SweepView.TrialView;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * One sweep: its trials as they train (values, status — pruned ones too —, the objective's mean ± std
 * over seeds, epochs), parallel coordinates coloured by the objective, the objective against each
 * parameter, the best trial with "run this config with more seeds", and pause / resume / cancel.
 */
@Route(value = "sweeps/:id", layout = MainLayout.class)
@PageTitle("Sweep · LeNet Lab")
public class SweepDetailView extends VerticalLayout implements BeforeEnterObserver {

    /** Seeds for "run this config with more seeds": fresh ones ({@link #freshSeeds}). */
    static final int MORE_SEEDS = 5;

    private final BackendCalls calls;
    private UUID sweepId;
    private UUID experimentId;
    private final CoalescedFetch<SweepView> reload;
    SweepView sweep;

    final H2 title = new H2("Sweep");
    final Paragraph facts = new Paragraph();
    final Div problem = new Div();
    final Button pause = new Button("Pause", e -> act(SweepAction.PAUSE));
    final Button resume = new Button("Resume", e -> act(SweepAction.RESUME));
    final Button cancel = new Button("Cancel", e -> act(SweepAction.CANCEL));
    final Anchor compare = new Anchor();
    final Grid<TrialView> trials = new Grid<>();
    final Paragraph best = new Paragraph();
    final Button moreSeeds = new Button("Run this config with more seeds");
    final EChart parallel = new EChart("380px");
    final Div scatters = new Div();

    @Inject
    public SweepDetailView(BackendCalls calls, RunEventFeed feed) {
        this.calls = calls;
        this.reload = new CoalescedFetch<>(
                calls,
                this,
                () -> {
                    UUID asked = sweepId;
                    return backend -> backend.sweep(asked);
                },
                this::show,
                e -> showProblem(e.notFound() ? "Sweep " + sweepId + " does not exist." : e.getMessage()));
        setMaxWidth("100em");
        problem.addClassName("problem");
        problem.setVisible(false);
        trials.setId("sweep-trials");
        trials.addColumn(TrialView::index).setHeader("#").setAutoWidth(true);
        trials.addColumn(t -> values(t.values())).setHeader("Values").setAutoWidth(true);
        trials.addColumn(TrialView::status).setKey("status").setHeader("Status").setAutoWidth(true);
        trials.addColumn(t -> meanStd(t.objective()))
                .setKey("objective")
                .setHeader("Objective")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        trials.addColumn(TrialView::epochs).setHeader("Epochs").setAutoWidth(true);
        trials.addColumn(t -> t.stopReason() == null ? "" : t.stopReason())
                .setKey("stopReason")
                .setHeader("Why stopped")
                .setAutoWidth(true);
        trials.addColumn(t -> t.seedStopReason() == null ? "" : t.seedStopReason())
                .setKey("seedStopReason")
                .setHeader("Why no more seeds")
                .setAutoWidth(true);
        trials.setAllRowsVisible(true);
        best.setId("sweep-best");
        moreSeeds.setId("more-seeds");
        moreSeeds.addClickListener(e -> runBestWithMoreSeeds());
        compare.setText("Compare its runs");
        parallel.getElement().setAttribute("data-chart", "parallel");
        scatters.addClassName("chart-row");
        pause.setId("pause-sweep");
        resume.setId("resume-sweep");
        cancel.setId("cancel-sweep");
        add(
                title,
                facts,
                problem,
                new HorizontalLayout(pause, resume, cancel, compare),
                new H3("Trials"),
                trials,
                best,
                moreSeeds,
                new H3("Parameters and objective"),
                parallel,
                scatters);
        LiveUpdates.whileAttached(this, feed, ui -> new RunEventFeed.Listener() {
            @Override
            public void runChanged(RunSummary run) {
                if (run.experimentId().equals(experimentId)) {
                    ui.access(SweepDetailView.this::load);
                }
            }
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            sweepId = UUID.fromString(event.getRouteParameters().get("id").orElse(""));
        } catch (IllegalArgumentException e) {
            showProblem("That is not a sweep id.");
            return;
        }
        load();
    }

    private void load() {
        reload.run();
    }

    private void show(SweepView answer) {
        sweep = answer;
        experimentId = answer.experimentId();
        problem.setVisible(false);
        title.setText("Sweep " + answer.name());
        facts.setText(String.format(
                Locale.ROOT,
                "%s · %s · %d trials, %d runs, %d epochs trained · %s %s",
                answer.status(),
                answer.spec().method() == null
                        ? "random"
                        : answer.spec().method().id(),
                answer.trials().size(),
                answer.runs(),
                answer.epochs(),
                goal(answer),
                metric(answer)));
        pause.setEnabled(answer.status() == SweepStatus.RUNNING);
        resume.setEnabled(answer.status() == SweepStatus.PAUSED);
        cancel.setEnabled(!answer.status().isFinal());
        compare.setHref(CompareRunsView.location(CompareQuery.ofExperiments(List.of(answer.experimentId()))));
        trials.setItems(answer.trials());
        TrialView top = answer.bestTrial() == null ? null : answer.trials().get(answer.bestTrial());
        best.setText(
                top == null
                        ? "No trial has a result yet."
                        : "Best so far: trial " + top.index() + " " + values(top.values()) + " — " + metric(answer)
                                + " " + meanStd(top.objective()));
        moreSeeds.setEnabled(top != null);
        drawCharts(answer);
    }

    private void drawCharts(SweepView answer) {
        List<String> parameters = new ArrayList<>(answer.spec().space().keySet());
        List<ChartOptions.Axis> axes = parameters.stream()
                .map(p -> axis(p, answer.spec().space().get(p)))
                .toList();
        List<List<Object>> rows = answer.trials().stream()
                .filter(t -> t.objective() != null)
                .map(t -> {
                    List<Object> row = new ArrayList<>();
                    parameters.forEach(p -> row.add(axisValue(
                            axes.get(parameters.indexOf(p)), t.values().get(p))));
                    row.add(t.objective().mean());
                    return row;
                })
                .toList();
        parallel.setOption(ChartOptions.parallel("Trials by parameter", axes, metric(answer), rows));
        scatters.removeAll();
        for (int i = 0; i < parameters.size(); i++) {
            int column = i;
            EChart chart = new EChart("300px");
            chart.getElement().setAttribute("data-parameter", parameters.get(i));
            chart.setOption(ChartOptions.scatter(
                    axes.get(i),
                    metric(answer),
                    rows.stream()
                            .map(r -> List.of(r.get(column), r.get(r.size() - 1)))
                            .toList()));
            scatters.add(chart);
        }
    }

    private static ChartOptions.Axis axis(String name, SweepSpec.Range range) {
        if (range.choice() != null) {
            return new ChartOptions.Axis(
                    name, false, range.choice().stream().map(String::valueOf).toList());
        }
        return new ChartOptions.Axis(name, range.logUniform() != null, null);
    }

    private static Object axisValue(ChartOptions.Axis axis, Object value) {
        return axis.categories() != null ? String.valueOf(value) : value;
    }

    private void runBestWithMoreSeeds() {
        TrialView top = sweep.trials().get(sweep.bestTrial());
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (sweep.spec().base().overrides() != null) {
            overrides.putAll(sweep.spec().base().overrides());
        }
        overrides.putAll(top.values());
        ExperimentSubmission submission = new ExperimentSubmission(
                sweep.name() + ": trial " + top.index() + " × " + MORE_SEEDS + " seeds",
                "the best config of sweep " + sweep.name(),
                List.of(new ExperimentSubmission.RunSpec(
                        sweep.spec().base().preset(), overrides, null, freshSeeds(sweep, top))));
        calls.fetch(
                this,
                backend -> backend.submit(submission),
                created -> getUI().ifPresent(ui -> ui.navigate(
                        "compare", CompareRunsView.query(CompareQuery.ofExperiments(List.of(created.id()))))),
                this::fail);
    }

    /**
     * {@link #MORE_SEEDS} seeds the config has never run with: the trial's own seeds (1…seedsPerTrial)
     * made it look best, so re-running them would only repeat its lucky draw (selection bias).
     */
    static List<Long> freshSeeds(SweepView sweep, TrialView trial) {
        long used = Math.max(
                sweep.spec().seedsPerTrial() == null ? 1 : sweep.spec().seedsPerTrial(),
                trial.runs().stream().mapToLong(RunSummary::seed).max().orElse(0));
        return LongStream.rangeClosed(used + 1, used + MORE_SEEDS).boxed().toList();
    }

    private void act(SweepAction action) {
        UUID id = sweepId;
        calls.fetch(this, backend -> backend.sweepAction(id, action), this::show, this::fail);
    }

    private void fail(BackendException e) {
        showProblem(e.getMessage());
    }

    private void showProblem(String message) {
        problem.setText(message);
        problem.setVisible(true);
    }

    static String values(Map<String, Object> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + " " + format(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String format(Object value) {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : String.valueOf(value);
    }

    private static String meanStd(Stat s) {
        if (s == null) {
            return "–";
        }
        return s.n() < 2
                ? String.format(Locale.ROOT, "%.4f", s.mean())
                : String.format(Locale.ROOT, "%.4f ± %.4f (n = %d)", s.mean(), s.std(), s.n());
    }

    private static String metric(SweepView s) {
        return s.spec().objective() == null || s.spec().objective().metric() == null
                ? "testAccuracy"
                : s.spec().objective().metric();
    }

    private static String goal(SweepView s) {
        if (s.spec().objective() != null && s.spec().objective().goal() != null) {
            return s.spec().objective().goal().id();
        }
        return metric(s).endsWith("Loss") ? "min" : "max";
    }
}
