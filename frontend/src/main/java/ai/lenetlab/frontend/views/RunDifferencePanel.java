package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.FashionMnistClasses;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.CompareView.ComparedRun;
import ai.lenetlab.contracts.api.RunDifference;
import ai.lenetlab.contracts.api.RunDifference.ClassDifference;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.components.ChangedImageTile;
import ai.lenetlab.frontend.components.ChartOptions;
import ai.lenetlab.frontend.components.EChart;
import ai.lenetlab.frontend.components.Formats;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Where two of the compared runs differ on the test set: per-class accuracy side by side, the
 * confusion matrix of B minus A's, and the test images B fixes (A wrong, B right) and breaks.
 */
public class RunDifferencePanel extends Div {

    /** Images shown per direction; the counts say how many there are. */
    static final int IMAGES = 48;

    private final BackendCalls calls;
    final ComboBox<ComparedRun> runA = new ComboBox<>("Run A");
    final ComboBox<ComparedRun> runB = new ComboBox<>("Run B");
    final Paragraph summary = new Paragraph();
    final Grid<ClassDifference> perClass = new Grid<>();
    final EChart confusionDelta = new EChart("420px");
    final Div fixed = new Div();
    final Div broken = new Div();
    RunDifference shown;

    public RunDifferencePanel(BackendCalls calls) {
        this.calls = calls;
        setId("compare-difference");
        for (ComboBox<ComparedRun> run : List.of(runA, runB)) {
            run.setItemLabelGenerator(ComparedRun::label);
            run.setWidth("24em");
            run.addValueChangeListener(e -> {
                if (e.isFromClient()) {
                    load();
                }
            });
        }
        perClass.setId("difference-per-class");
        perClass.addThemeVariants(GridVariant.LUMO_COMPACT);
        perClass.addColumn(ClassDifference::name).setHeader("Class").setAutoWidth(true);
        number(perClass.addColumn(c -> Formats.percent(c.accuracyA())).setHeader("A"), "a");
        number(perClass.addColumn(c -> Formats.percent(c.accuracyB())).setHeader("B"), "b");
        number(perClass.addColumn(c -> points(c.difference())).setHeader("B − A"), "difference");
        perClass.setAllRowsVisible(true);
        perClass.setWidth("34em");
        fixed.setId("difference-fixed");
        broken.setId("difference-broken");
        fixed.addClassName("prediction-grid");
        broken.addClassName("prediction-grid");
        HorizontalLayout side = new HorizontalLayout(perClass, confusionDelta);
        side.setWidthFull();
        confusionDelta.setWidth("36em");
        add(
                new HorizontalLayout(runA, runB),
                summary,
                side,
                new H4("Fixed: A wrong, B right"),
                fixed,
                new H4("Broken: A right, B wrong"),
                broken);
    }

    /** Offers the completed runs of a comparison, A and B first from two seed groups if there are. */
    void show(CompareView view) {
        List<ComparedRun> completed = view.runs().stream()
                .filter(r -> r.status() == RunStatus.COMPLETED)
                .toList();
        setVisible(completed.size() >= 2);
        if (completed.size() < 2) {
            return;
        }
        runA.setItems(completed);
        runB.setItems(completed);
        List<ComparedRun> pair = defaultPair(view, completed);
        if (!Objects.equals(runA.getValue(), pair.get(0)) || !Objects.equals(runB.getValue(), pair.get(1))) {
            runA.setValue(pair.get(0));
            runB.setValue(pair.get(1));
            load();
        }
    }

    /** The first run of the first two seed groups, else the first two runs. */
    static List<ComparedRun> defaultPair(CompareView view, List<ComparedRun> completed) {
        if (view.groups().size() >= 2) {
            List<ComparedRun> firsts = view.groups().stream()
                    .limit(2)
                    .map(g -> completed.stream()
                            .filter(r -> g.runIds().contains(r.id()))
                            .findFirst()
                            .orElse(null))
                    .filter(Objects::nonNull)
                    .toList();
            if (firsts.size() == 2) {
                return firsts;
            }
        }
        return completed.subList(0, 2);
    }

    private void load() {
        ComparedRun a = runA.getValue();
        ComparedRun b = runB.getValue();
        if (a == null || b == null || a.equals(b)) {
            summary.setText("Choose two different runs.");
            return;
        }
        UUID idA = a.id();
        UUID idB = b.id();
        summary.setText("Loading…");
        calls.fetch(
                this,
                backend -> backend.difference(idA, idB, IMAGES),
                answer -> {
                    if (runA.getValue() != null
                            && runB.getValue() != null
                            && idA.equals(runA.getValue().id())
                            && idB.equals(runB.getValue().id())) { // else a newer pair is on its way
                        showDifference(answer);
                    }
                },
                e -> summary.setText(e.getMessage()));
    }

    private void showDifference(RunDifference difference) {
        shown = difference;
        perClass.setItems(difference.perClass());
        confusionDelta.setOption(ChartOptions.confusionDelta(difference.confusionDelta(), FashionMnistClasses.NAMES));
        fixed.removeAll();
        broken.removeAll();
        if (difference.fixedCount() == null) {
            summary.setText(difference.note());
            return;
        }
        summary.setText(String.format(
                        Locale.ROOT,
                        "Of %,d test images, B gets %,d right that A got wrong and %,d wrong that A got right (net %+,d).",
                        difference.testImages(),
                        difference.fixedCount(),
                        difference.brokenCount(),
                        difference.fixedCount() - difference.brokenCount())
                + (difference.note() == null ? "" : " " + difference.note()));
        difference.fixed().forEach(image -> fixed.add(new ChangedImageTile(image)));
        difference.broken().forEach(image -> broken.add(new ChangedImageTile(image)));
    }

    private static void number(Grid.Column<ClassDifference> column, String key) {
        column.setKey(key).setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
    }

    private static String points(Double difference) {
        return difference == null ? "–" : String.format(Locale.ROOT, "%+.1f points", difference * 100);
    }
}
