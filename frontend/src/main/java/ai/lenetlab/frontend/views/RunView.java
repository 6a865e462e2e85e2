package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.FashionMnistClasses;
import ai.lenetlab.contracts.LayerInfo;
import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.api.Predictions;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.BackendException;
import ai.lenetlab.frontend.backend.LabBackend;
import ai.lenetlab.frontend.backend.RunEventFeed;
import ai.lenetlab.frontend.backend.SignedInUser;
import ai.lenetlab.frontend.components.ChartOptions;
import ai.lenetlab.frontend.components.ChartOptions.Line;
import ai.lenetlab.frontend.components.ConfigTable;
import ai.lenetlab.frontend.components.EChart;
import ai.lenetlab.frontend.components.Formats;
import ai.lenetlab.frontend.components.PredictionTile;
import ai.lenetlab.frontend.components.StatusBadge;
import ai.lenetlab.frontend.security.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/** One run: config, layers, curves, confusion matrix, prediction grid; live while it trains; cancel, retry, download. */
@Route(value = "runs/:id", layout = MainLayout.class)
public class RunView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final BackendCalls calls;
    private UUID runId;
    RunDetails details;
    private int shownEpochs = -1;
    private RunStatus shownStatus;

    final H2 title = new H2();
    final Span status = new Span();
    final Span facts = new Span();
    final Div problem = new Div();
    final ProgressBar progress = new ProgressBar(0, 1);
    final Span progressText = new Span();
    final Button cancel = new Button("Cancel run");
    final Button retry = new Button("Retry");
    final Anchor download = new Anchor();
    final Div summary = new Div();
    final EChart lossChart = new EChart("300px");
    final EChart accuracyChart = new EChart("300px");
    final EChart learningRateChart = new EChart("240px");
    final EChart confusionChart = new EChart("460px");
    final Grid<EpochMetrics> epochs = new Grid<>();
    final Grid<LayerInfo> layers = new Grid<>();
    final ConfigTable config = new ConfigTable();
    final H3 environmentTitle = new H3("Environment");
    /** What the run trained on: versions, commit, CPU, threads, the dataset's checksums. */
    final ConfigTable environment = new ConfigTable();

    final Checkbox mistakesOnly = new Checkbox("Mistakes only");
    final Div tryIt = new Div();
    final IntegerField testImage = new IntegerField("Test image");
    final Button predict = new Button("Predict");
    final Image seen = new Image();
    final EChart probabilities = new EChart("260px");
    final Span predicted = new Span();
    final Div predictions = new Div();
    private List<PredictionSample> samples = List.of();
    /** Whose test images {@code samples} are. */
    private UUID samplesOf;

    private final Div content = new Div();

    @Inject
    public RunView(BackendCalls calls, RunEventFeed feed) {
        this.calls = calls;
        setMaxWidth("90em");
        cancel.addThemeVariants(ButtonVariant.ERROR);
        cancel.addClickListener(e -> act(LabBackend::cancel, "Cancel requested"));
        retry.addClickListener(e -> act(LabBackend::retry, "Queued again as a new attempt"));
        download.setText("Download model");
        download.getElement().setAttribute("download", true);
        download.addClassName("download");
        problem.addClassName("problem");
        problem.setVisible(false);
        HorizontalLayout header = new HorizontalLayout(title, status);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        HorizontalLayout actions = new HorizontalLayout(cancel, retry, download);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        progress.setWidth("20em");
        HorizontalLayout progressLine = new HorizontalLayout(progress, progressText);
        progressLine.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        summary.addClassName("metric-cards");

        configureTables();
        configureTryIt();
        mistakesOnly.addValueChangeListener(e -> showPredictions());
        predictions.addClassName("prediction-grid");
        Div charts = new Div(lossChart, accuracyChart, learningRateChart);
        charts.addClassName("chart-row");
        content.add(
                summary,
                new H3("Curves"),
                charts,
                new H3("Epochs"),
                epochs,
                new H3("Confusion matrix"),
                confusionChart,
                new H3("Predictions on test images"),
                mistakesOnly,
                predictions,
                tryIt,
                new H3("Layers"),
                layers,
                new H3("Configuration"),
                config,
                environmentTitle,
                environment);
        content.setWidthFull();
        add(header, facts, problem, progressLine, actions, content);

        LiveUpdates.whileAttached(this, feed, ui -> new RunEventFeed.Listener() {
            @Override
            public void runChanged(RunSummary run) {
                if (run.id().equals(runId)) {
                    ui.access(() -> onLiveChange(run));
                }
            }
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            runId = UUID.fromString(event.getRouteParameters().get("id").orElse(""));
        } catch (IllegalArgumentException e) {
            runId = null;
        }
        shownEpochs = -1;
        shownStatus = null;
        details = null;
        samples = List.of();
        samplesOf = null;
        showPredictions();
        title.setText("Loading run…");
        status.removeAll();
        content.setVisible(false);
        load();
    }

    @Override
    public String getPageTitle() {
        return details == null ? "Run · LeNet Lab" : label(details) + " · LeNet Lab";
    }

    /** Fetches the run and redraws when it arrives; on a failure keeps what is shown and says why. */
    void load() {
        UUID id = runId;
        if (id == null) {
            showMissing("That is not a run id.");
            return;
        }
        boolean wantSamples = !id.equals(samplesOf);
        // a completed run's test images come in the same call: one round trip to the browser, not two
        calls.fetch(
                this,
                backend -> {
                    RunDetails run = backend.run(id);
                    return new Loaded(
                            run,
                            wantSamples && run.summary().status() == RunStatus.COMPLETED
                                    ? backend.predictions(id)
                                    : null);
                },
                loaded -> {
                    if (id.equals(runId)) {
                        if (loaded.samples() != null) {
                            samples = loaded.samples();
                            samplesOf = id;
                            showPredictions();
                        }
                        show(loaded.run());
                    }
                },
                this::showFailure);
    }

    /** A run and, once it has completed, its test images. */
    private record Loaded(RunDetails run, List<PredictionSample> samples) {}

    private void showFailure(BackendException e) {
        if (e.notFound()) {
            showMissing("Run " + runId + " does not exist.");
        } else {
            problem.setText(e.getMessage());
            problem.setVisible(true);
        }
    }

    private void onLiveChange(RunSummary run) {
        boolean newEpoch = run.lastEpoch() != null && run.lastEpoch().epoch() != shownEpochs;
        if (run.status() != shownStatus || newEpoch) {
            load();
        } else if (run.progress() != null) {
            showProgress(
                    run.progressFraction(),
                    run.progress().epoch(),
                    run.epochs(),
                    run.progress().batch(),
                    run.progress().batches());
        }
    }

    /** Hand-backs and lost workers add attempts but use up none: only failures count towards the limit. */
    private static String attempt(RunDetails run) {
        String attempt = "attempt " + run.summary().attempt();
        return run.failures() == 0
                ? attempt
                : attempt + " (" + run.failures() + " of " + run.maxAttempts() + " failures)";
    }

    private void show(RunDetails run) {
        details = run;
        problem.setVisible(false);
        content.setVisible(true);
        title.setText(label(run));
        status.removeAll();
        status.add(new StatusBadge(run.summary().status()));
        facts.setText(String.join(
                " · ",
                "experiment " + run.summary().experimentName(),
                "worker " + Formats.orDash(run.summary().workerId()),
                "device " + Formats.orDash(run.summary().device()),
                attempt(run),
                "duration " + Formats.duration(run.totalSeconds())));
        if (run.summary().error() != null) {
            problem.setText((run.summary().status() == RunStatus.FAILED ? "Failed: " : "")
                    + run.summary().error());
            problem.setVisible(true);
        }
        boolean active =
                run.summary().status() == RunStatus.QUEUED || run.summary().status() == RunStatus.RUNNING;
        // viewers may not cancel or retry: not offered, as New sweep is not (the service refuses them too)
        boolean mayAct = CurrentUser.user().map(SignedInUser::canSubmit).orElse(false);
        cancel.setVisible(mayAct);
        retry.setVisible(mayAct);
        cancel.setEnabled(mayAct && active && !run.cancelRequested());
        cancel.setText(run.cancelRequested() && active ? "Cancelling…" : "Cancel run");
        retry.setEnabled(mayAct && run.summary().status().isFinal());
        download.setVisible(run.modelAvailable());
        tryIt.setVisible(run.modelAvailable());
        if (run.modelAvailable()) {
            UUID id = run.summary().id();
            String authorization = CurrentUser.authorization();
            // downloads are served outside the session lock: the call may block here
            download.setHref(DownloadHandler.fromInputStream(event -> {
                byte[] model = calls.callAs(authorization, backend -> backend.model(id));
                return new DownloadResponse(
                        new ByteArrayInputStream(model),
                        "lenet-" + id + ".params",
                        "application/octet-stream",
                        model.length);
            }));
        }
        int epoch = run.summary().progress() != null
                ? run.summary().progress().epoch()
                : run.epochs().size();
        showProgress(
                run.summary().progressFraction(),
                run.summary().status() == RunStatus.COMPLETED ? run.config().epochs() : epoch,
                run.config().epochs(),
                run.summary().progress() == null ? 0 : run.summary().progress().batch(),
                run.summary().progress() == null ? 0 : run.summary().progress().batches());
        showSummary(run);
        if (run.epochs().size() != shownEpochs || run.summary().status() != shownStatus) {
            showCurves(run);
            epochs.setItems(run.epochs());
            shownEpochs = run.epochs().size();
        }
        layers.setItems(run.layers() == null ? List.of() : run.layers());
        config.show(List.of(label(run)), ConfigTable.rowsOf(run.config()));
        environmentTitle.setVisible(run.environment() != null);
        environment.setVisible(run.environment() != null);
        if (run.environment() != null) {
            environment.show(
                    List.of(label(run)), ConfigTable.rowsOf(run.environment().rows()));
        }
        confusionChart.setVisible(run.confusionMatrix() != null);
        if (run.confusionMatrix() != null) {
            confusionChart.setOption(ChartOptions.confusion(run.confusionMatrix(), FashionMnistClasses.NAMES));
        }
        shownStatus = run.summary().status();
    }

    /** Try it: a test image by index through the run's model, its probabilities as bars. */
    private void configureTryIt() {
        testImage.setMin(0);
        testImage.setMax(9999);
        testImage.setValue(0);
        testImage.setStepButtonsVisible(true);
        predict.addClickListener(e -> tryTestImage());
        seen.setWidth("112px");
        seen.setHeight("112px");
        seen.addClassName("seen-image");
        seen.setVisible(false);
        probabilities.setVisible(false);
        HorizontalLayout pick = new HorizontalLayout(testImage, predict);
        pick.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        HorizontalLayout answer = new HorizontalLayout(seen, predicted);
        answer.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        tryIt.add(new H3("Try it"), pick, answer, probabilities);
        tryIt.setVisible(false);
    }

    void tryTestImage() {
        UUID id = runId;
        Integer index = testImage.getValue();
        if (id == null || index == null) {
            return;
        }
        calls.fetch(
                this,
                backend -> backend.predict(id, new Predictions.Request(null, List.of(index), false)),
                answer -> {
                    if (id.equals(runId) && !answer.predictions().isEmpty()) {
                        showPrediction(answer.predictions().get(0));
                    }
                },
                this::showFailure);
    }

    private void showPrediction(Predictions.Prediction prediction) {
        seen.setSrc(PredictionTile.pngDataUrl(Base64.getDecoder().decode(prediction.pixels())));
        seen.setAlt("the 28 × 28 image the model saw");
        seen.setVisible(true);
        predicted.setText(prediction.className() + " · "
                + Formats.percent(prediction.probabilities().get(prediction.label())));
        probabilities.setOption(ChartOptions.probabilities(prediction.probabilities(), FashionMnistClasses.NAMES));
        probabilities.setVisible(true);
    }

    private void showProgress(double fraction, int epoch, int of, int batch, int batches) {
        progress.setValue(Math.min(1, Math.max(0, fraction)));
        progressText.setText("epoch " + epoch + " of " + of
                + (batches > 0 && batch < batches ? " · batch " + batch + " of " + batches : ""));
    }

    private void showSummary(RunDetails run) {
        summary.removeAll();
        EpochMetrics last = run.finalMetrics();
        EpochMetrics best = run.bestMetrics();
        summary.add(
                card("Test accuracy", last == null ? "–" : Formats.percent(last.testAccuracy()), "final-accuracy"),
                card(
                        "Best test accuracy",
                        best == null ? "–" : Formats.percent(best.testAccuracy()) + " (epoch " + best.epoch() + ")",
                        "best-accuracy"),
                card("Test loss", last == null ? "–" : Formats.loss(last.testLoss()), "final-loss"),
                card(
                        "Examples/s",
                        last == null ? "–" : String.format(Locale.ROOT, "%,.0f", last.examplesPerSecond()),
                        "examples-per-second"),
                card(
                        "Parameters",
                        run.parameters() == null ? "–" : String.format(Locale.ROOT, "%,d", run.parameters()),
                        "parameters"));
    }

    private void showCurves(RunDetails run) {
        List<EpochMetrics> list = run.epochs();
        List<Integer> x = list.stream().map(EpochMetrics::epoch).toList();
        lossChart.setOption(ChartOptions.curves(
                "Loss",
                "loss",
                x,
                List.of(
                        line("train loss", list, EpochMetrics::trainLoss),
                        line("test loss", list, EpochMetrics::testLoss)),
                List.of()));
        accuracyChart.setOption(ChartOptions.curves(
                "Accuracy",
                "accuracy",
                x,
                List.of(
                        line("train accuracy", list, EpochMetrics::trainAccuracy),
                        line("test accuracy", list, EpochMetrics::testAccuracy)),
                List.of()));
        learningRateChart.setOption(ChartOptions.curves(
                "Learning rate", "lr", x, List.of(line("learning rate", list, EpochMetrics::learningRate)), List.of()));
    }

    private void showPredictions() {
        predictions.removeAll();
        samples.stream()
                .filter(s -> !mistakesOnly.getValue() || !s.correct())
                .forEach(s -> predictions.add(new PredictionTile(s)));
        if (samples.isEmpty()) {
            predictions.add(new Span("Predictions appear when the run completes."));
        }
    }

    private void configureTables() {
        epochs.addColumn(EpochMetrics::epoch)
                .setHeader("Epoch")
                .setAutoWidth(true)
                .setFlexGrow(0);
        epochs.addColumn(e -> Formats.loss(e.trainLoss()))
                .setHeader("Train loss")
                .setTextAlign(ColumnTextAlign.END);
        epochs.addColumn(e -> Formats.percent(e.trainAccuracy()))
                .setHeader("Train acc.")
                .setTextAlign(ColumnTextAlign.END);
        epochs.addColumn(e -> Formats.loss(e.testLoss())).setHeader("Test loss").setTextAlign(ColumnTextAlign.END);
        epochs.addColumn(e -> Formats.percent(e.testAccuracy()))
                .setHeader("Test acc.")
                .setTextAlign(ColumnTextAlign.END);
        epochs.addColumn(e -> Formats.rate(e.learningRate())).setHeader("LR").setTextAlign(ColumnTextAlign.END);
        epochs.addColumn(e -> String.format(Locale.ROOT, "%,.0f", e.examplesPerSecond()))
                .setHeader("Examples/s")
                .setTextAlign(ColumnTextAlign.END);
        epochs.setAllRowsVisible(true);
        epochs.setEmptyStateText("No epoch has finished yet.");
        layers.addColumn(LayerInfo::name).setHeader("Layer");
        layers.addColumn(l -> l.outputShape().toString()).setHeader("Output shape");
        layers.addColumn(l -> String.format(Locale.ROOT, "%,d", l.parameters()))
                .setHeader("Parameters")
                .setTextAlign(ColumnTextAlign.END);
        layers.setAllRowsVisible(true);
        layers.setEmptyStateText("The layer table arrives when a worker starts the run.");
    }

    private void act(BiFunction<LabBackend, UUID, RunDetails> action, String done) {
        UUID id = runId;
        cancel.setEnabled(false);
        retry.setEnabled(false);
        calls.fetch(
                this,
                backend -> action.apply(backend, id),
                run -> {
                    show(run);
                    Notification.show(done, 3000, Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                },
                e -> {
                    Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                    load();
                });
    }

    private void showMissing(String why) {
        details = null;
        title.setText("Run not found");
        status.removeAll();
        facts.setText("");
        problem.setText(why);
        problem.setVisible(true);
        content.setVisible(false);
        cancel.setEnabled(false);
        retry.setEnabled(false);
        download.setVisible(false);
    }

    private static Div card(String label, String value, String id) {
        Span v = new Span(value);
        v.addClassName("value");
        Span l = new Span(label);
        l.addClassName("label");
        Div card = new Div(v, l);
        card.addClassName("metric-card");
        card.getElement().setAttribute("data-metric", id);
        return card;
    }

    private static Line line(String name, List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> f) {
        return new Line(name, epochs.stream().map(e -> f.applyAsDouble(e)).toList());
    }

    static String label(RunDetails run) {
        RunSummary summary = run.summary();
        return (summary.preset() != null ? summary.preset() : "custom") + " · seed " + summary.seed();
    }
}
