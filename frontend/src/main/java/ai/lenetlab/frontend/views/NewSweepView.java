package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.ConfigChoice;
import ai.lenetlab.contracts.ConfigFields;
import ai.lenetlab.contracts.ConfigValidator;
import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.BackendException;
import ai.lenetlab.sweeps.SweepSpec;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's spec as a form: a base preset, a row per searched field (the kind of range and its bounds,
 * beside the preset's own value), the method, the objective, early stopping and the share of the
 * workers. The service checks it all; its field errors are listed by path.
 */
@Route(value = "sweeps/new", layout = MainLayout.class)
@PageTitle("New sweep · LeNet Lab")
public class NewSweepView extends VerticalLayout {

    static final List<String> KINDS = List.of("logUniform", "uniform", "intUniform", "choice");

    private final BackendCalls calls;
    private List<Preset> presets = List.of();
    private Map<String, Object> presetValues = Map.of();

    final TextField name = new TextField("Name");
    final ComboBox<String> preset = new ComboBox<>("Base preset");
    final IntegerField epochs = new IntegerField("Epochs");
    final IntegerField trainSamples = new IntegerField("Training images (0: all)");
    final VerticalLayout space = new VerticalLayout();
    final ComboBox<String> method = new ComboBox<>("Method", "tpe", "random", "grid");
    final IntegerField trials = new IntegerField("Trials");
    final IntegerField seedsPerTrial = new IntegerField("Seeds per trial");
    final IntegerField seed = new IntegerField("Sampler seed");
    final ComboBox<String> metric =
            new ComboBox<>("Objective", "testAccuracy", "testLoss", "trainAccuracy", "trainLoss");
    final ComboBox<String> goal = new ComboBox<>("Goal", "max", "min");
    final ComboBox<String> rule = new ComboBox<>("Early stopping", "none", "median", "asha");
    final IntegerField minEpochs = new IntegerField("Min epochs");
    final IntegerField reductionFactor = new IntegerField("Reduction factor (ASHA)");
    final IntegerField maxConcurrent = new IntegerField("Runs at once");
    final IntegerField priority = new IntegerField("Priority");
    final Div errors = new Div();
    final Button start = new Button("Start sweep");

    /** One searched field: which, the kind of range, its bounds or values, the preset's value. */
    final class SpaceRow extends HorizontalLayout {
        final ComboBox<String> field = new ComboBox<>("Field");
        final ComboBox<String> kind = new ComboBox<>("Range", KINDS);
        final TextField low = new TextField("From");
        final TextField high = new TextField("To");
        final TextField values = new TextField("Values (comma-separated)");
        final Span hint = new Span();

        SpaceRow(String fieldName, String kindName, String from, String to, String list) {
            field.setItems(ConfigFields.of(ai.lenetlab.contracts.Presets.MODEL_2).keySet().stream()
                    .filter(f -> !f.equals("seed"))
                    .toList());
            field.setValue(fieldName);
            kind.setValue(kindName);
            low.setValue(from);
            high.setValue(to);
            values.setValue(list);
            field.addValueChangeListener(e -> showHint());
            kind.addValueChangeListener(e -> showKind());
            Button remove = new Button("Remove", e -> space.remove(this));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            add(field, kind, low, high, values, hint, remove);
            setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            getElement().setAttribute("data-space-row", "");
            showKind();
            showHint();
        }

        private void showKind() {
            boolean list = "choice".equals(kind.getValue());
            low.setVisible(!list);
            high.setVisible(!list);
            values.setVisible(list);
        }

        /** The preset's value and the field's bounds, so a range can be typed right the first time. */
        void showHint() {
            String name = field.getValue();
            if (name == null) {
                hint.setText("");
                return;
            }
            Object value = presetValues.get(name);
            if (value instanceof ConfigChoice choice) {
                value = choice.id(); // as users type it, "adamw" not "ADAMW"
            }
            hint.setText(
                    (value == null ? "" : "preset: " + value + " · ") + "allowed: " + ConfigValidator.bounds(name));
        }

        SweepSpec.Range range() {
            return switch (kind.getValue() == null ? "" : kind.getValue()) {
                case "logUniform" -> new SweepSpec.Range(List.of(number(low), number(high)), null, null, null);
                case "uniform" -> new SweepSpec.Range(null, List.of(number(low), number(high)), null, null);
                case "intUniform" ->
                    new SweepSpec.Range(null, null, List.of((long) number(low), (long) number(high)), null);
                case "choice" -> new SweepSpec.Range(null, null, null, parseValues(values.getValue()));
                default -> null;
            };
        }
    }

    @Inject
    public NewSweepView(BackendCalls calls) {
        this.calls = calls;
        setMaxWidth("90em");
        name.setId("sweep-name");
        name.setValue("model-3 search");
        name.setWidth("24em");
        preset.setId("sweep-preset");
        preset.addValueChangeListener(e -> showPresetValues());
        epochs.setValue(14);
        trainSamples.setValue(0);
        method.setValue("tpe");
        trials.setValue(24);
        seedsPerTrial.setValue(1);
        seed.setValue(7);
        metric.setValue("testAccuracy");
        goal.setValue("max");
        rule.setValue("asha");
        minEpochs.setValue(1);
        reductionFactor.setValue(3);
        maxConcurrent.setValue(4);
        priority.setValue(0);
        space.setId("sweep-space");
        space.setPadding(false);
        space.add(
                new SpaceRow("learningRate", "logUniform", "0.0001", "0.1", ""),
                new SpaceRow("batchSize", "choice", "", "", "64, 128, 256"),
                new SpaceRow("dropout", "uniform", "0.0", "0.6", ""));
        Button addRow = new Button("Add a field", e -> space.add(new SpaceRow(null, "choice", "", "", "")));
        errors.setId("sweep-errors");
        errors.addClassName("problem");
        errors.setVisible(false);
        start.setId("start-sweep");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> submit());
        FormLayout base = new FormLayout(name, preset, epochs, trainSamples);
        FormLayout search = new FormLayout(
                method,
                trials,
                seedsPerTrial,
                seed,
                metric,
                goal,
                rule,
                minEpochs,
                reductionFactor,
                maxConcurrent,
                priority);
        add(
                new H2("New sweep"),
                base,
                new H3("Search space"),
                new Paragraph("A row per config field to search. The service checks each range's ends against the"
                        + " field's bounds; the preset's value is shown beside it."),
                space,
                addRow,
                new H3("How to search"),
                search,
                errors,
                start);
        calls.fetch(this, backend -> backend.presets(), this::showPresets, this::fail);
    }

    private void showPresets(List<Preset> answer) {
        presets = answer;
        List<String> ids = presets.stream().map(Preset::id).toList();
        preset.setItems(ids);
        preset.setValue(ids.contains("model-3") ? "model-3" : ids.get(0));
    }

    /** The chosen preset's values beside each searched field. */
    private void showPresetValues() {
        presets.stream()
                .filter(p -> p.id().equals(preset.getValue()))
                .findFirst()
                .ifPresent(p -> {
                    presetValues = ConfigFields.of(p.config());
                    space.getChildren()
                            .filter(SpaceRow.class::isInstance)
                            .map(SpaceRow.class::cast)
                            .forEach(SpaceRow::showHint);
                });
    }

    /** The spec the form says; what cannot be read is left for the service to name. */
    SweepSpec spec() {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("epochs", epochs.getValue());
        if (trainSamples.getValue() != null && trainSamples.getValue() > 0) {
            overrides.put("trainSamples", trainSamples.getValue());
        }
        Map<String, SweepSpec.Range> ranges = new LinkedHashMap<>();
        space.getChildren()
                .filter(SpaceRow.class::isInstance)
                .map(SpaceRow.class::cast)
                .filter(row -> row.field.getValue() != null)
                .forEach(row -> ranges.put(row.field.getValue(), row.range()));
        return new SweepSpec(
                name.getValue(),
                new SweepSpec.Base(preset.getValue(), overrides),
                ranges,
                choice(SweepSpec.Method.class, method.getValue()),
                trials.getValue(),
                seedsPerTrial.getValue(),
                seed.getValue() == null ? null : seed.getValue().longValue(),
                new SweepSpec.Objective(metric.getValue(), choice(SweepSpec.Goal.class, goal.getValue())),
                new SweepSpec.EarlyStopping(
                        choice(SweepSpec.Rule.class, rule.getValue()),
                        minEpochs.getValue(),
                        reductionFactor.getValue()),
                maxConcurrent.getValue(),
                priority.getValue(),
                null,
                null);
    }

    private void submit() {
        errors.setVisible(false);
        SweepSpec spec;
        try {
            spec = spec();
        } catch (IllegalArgumentException e) {
            showErrors(List.of(e.getMessage()));
            return;
        }
        start.setEnabled(false);
        calls.fetch(
                this,
                backend -> backend.createSweep(spec),
                created -> getUI().ifPresent(ui -> ui.navigate(
                        SweepDetailView.class,
                        new RouteParameters("id", created.id().toString()))),
                e -> {
                    start.setEnabled(true);
                    fail(e);
                });
    }

    private void fail(BackendException e) {
        List<String> lines = new ArrayList<>();
        lines.add(e.getMessage());
        for (ApiProblem.Violation v : e.violations()) {
            lines.add(v.field() + ": " + v.message());
        }
        showErrors(lines);
    }

    private void showErrors(List<String> lines) {
        errors.removeAll();
        lines.forEach(line -> errors.add(new Paragraph(line)));
        errors.setVisible(true);
    }

    private static <E extends Enum<E> & ai.lenetlab.contracts.ConfigChoice> E choice(Class<E> type, String id) {
        return id == null ? null : ai.lenetlab.contracts.ConfigChoice.parse(type, id);
    }

    private static double number(TextField field) {
        try {
            return Double.parseDouble(field.getValue().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field.getLabel() + ": '" + field.getValue() + "' is not a number");
        }
    }

    /** "64, 128" → whole numbers; "0.1, 0.2" → numbers; true/false; anything else as text. */
    static List<Object> parseValues(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .map(NewSweepView::parseValue)
                .toList();
    }

    private static Object parseValue(String value) {
        if (value.matches("-?\\d+")) {
            return Long.parseLong(value);
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
