package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.ExperimentSubmission.RunSpec;
import ai.lenetlab.contracts.api.ExperimentView;
import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.LabBackend;
import ai.lenetlab.frontend.components.ConfigForm;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Submit an experiment: presets and/or a custom config, one run per seed; or reproduce the report in one click. */
@Route(value = "new", layout = MainLayout.class)
@PageTitle("New experiment · LeNet Lab")
public class NewExperimentView extends VerticalLayout {

    /** The tutorial and the report's four models, as the report ran them. */
    static final List<String> REPORT_PRESETS = List.of("d2l", "model-1", "model-2", "model-3", "model-4");
    /** The report trained each model once; three seeds each tell its steps from seed noise. */
    static final List<Long> REPORT_SEEDS = List.of(1L, 2L, 3L);

    private static final Pattern RUN_FIELD = Pattern.compile("runs\\[(\\d+)]\\.(?:overrides|config)\\.(\\w+)");
    private static final Pattern RUN_SEEDS = Pattern.compile("runs\\[(\\d+)]\\.seeds.*");

    private final BackendCalls calls;
    private final List<Preset> presets = new ArrayList<>();
    final TextField name = new TextField("Name");
    final TextArea description = new TextArea("Description");
    final CheckboxGroup<Preset> presetChoice = new CheckboxGroup<>("Presets");
    final TextField seeds = new TextField("Seeds");
    final Checkbox custom = new Checkbox("Add a custom config");
    final ComboBox<Preset> customBase = new ComboBox<>("Start from");
    final ConfigForm customForm = new ConfigForm();
    final Button submit = new Button("Submit experiment");
    final Button reproduce = new Button("Reproduce the report");
    final Div errors = new Div();

    @Inject
    public NewExperimentView(BackendCalls calls) {
        this.calls = calls;
        setMaxWidth("80em");
        name.setId("experiment-name");
        seeds.setId("seeds");
        custom.setId("custom-config");
        submit.setId("submit-experiment");
        reproduce.setId("reproduce-report");
        name.setRequiredIndicatorVisible(true);
        name.setWidth("30em");
        name.setMaxLength(200);
        description.setWidth("30em");
        presetChoice.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        presetChoice.setItemLabelGenerator(NewExperimentView::presetLabel);
        seeds.setValue("1");
        seeds.setHelperText("Comma-separated; one run per seed and config (e.g. 1, 2, 3)");
        customBase.setItemLabelGenerator(Preset::id);
        customBase.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                customForm.setConfig(e.getValue().config());
            }
        });
        Div customPart = new Div(customBase, customForm);
        customPart.setVisible(false);
        custom.addValueChangeListener(e -> customPart.setVisible(e.getValue()));
        submit.addThemeVariants(ButtonVariant.PRIMARY);
        submit.addClickListener(e -> submit());
        reproduce.addClickListener(e -> reproduceReport());
        reproduce
                .getElement()
                .setAttribute(
                        "title",
                        "Submits d2l and models 1–4 with the report's settings, seeds 1–3, and opens their report page");
        errors.addClassName("problem");
        errors.setVisible(false);

        Details help = new Details(
                "What the presets are",
                new Paragraph("d2l is the d2l.ai tutorial (sigmoid, average pooling, SGD lr 0.9, 10 epochs); "
                        + "model-1 … model-4 are the report's four LeNet-5 variants; lenet-modern and lenet-fast are ours "
                        + "(batch norm, AdamW, cosine or one-cycle schedules)."));
        add(
                new H2("New experiment"),
                name,
                description,
                presetChoice,
                help,
                seeds,
                custom,
                customPart,
                errors,
                new HorizontalLayout(submit, reproduce));
        loadPresets();
    }

    /** Submitting waits for the presets: they name what can be submitted. */
    private void loadPresets() {
        submit.setEnabled(false);
        reproduce.setEnabled(false);
        calls.fetch(
                this,
                LabBackend::presets,
                answer -> {
                    presets.addAll(answer);
                    presetChoice.setItems(presets);
                    customBase.setItems(presets);
                    presets.stream()
                            .filter(p -> p.id().equals("model-2"))
                            .findFirst()
                            .ifPresent(customBase::setValue);
                    submit.setEnabled(true);
                    reproduce.setEnabled(true);
                },
                e -> showErrors(e.getMessage(), List.of()));
    }

    /** Builds the submission from the form; {@code null} (with the fields marked) when it is incomplete. */
    ExperimentSubmission submission() {
        List<Long> parsed = parseSeeds();
        if (parsed == null) {
            return null;
        }
        List<Long> seedList = parsed.isEmpty() ? null : parsed; // none given: each config's own seed
        List<RunSpec> specs = new ArrayList<>();
        presetChoice.getSelectedItems().stream()
                .sorted((a, b) -> Integer.compare(presets.indexOf(a), presets.indexOf(b)))
                .forEach(p -> specs.add(new RunSpec(p.id(), null, null, seedList)));
        if (custom.getValue() && customBase.getValue() != null) {
            Map<String, Object> overrides =
                    customForm.overridesFrom(customBase.getValue().config());
            overrides.remove("seed"); // the seeds field decides
            specs.add(new RunSpec(customBase.getValue().id(), overrides, null, seedList));
        }
        return new ExperimentSubmission(name.getValue().trim(), blankToNull(description.getValue()), specs);
    }

    void submit() {
        clearErrors();
        ExperimentSubmission submission = submission();
        if (submission == null) {
            return;
        }
        if (submission.runs().isEmpty()) {
            showErrors("Pick at least one preset or add a custom config.", List.of());
            return;
        }
        send(submission, created -> getUI().ifPresent(ui -> ui.navigate(RunsView.class)));
    }

    void reproduceReport() {
        clearErrors();
        List<RunSpec> specs = REPORT_PRESETS.stream()
                .map(id -> new RunSpec(id, null, null, REPORT_SEEDS))
                .toList();
        send(
                new ExperimentSubmission(
                        "Reproduce the report", "d2l.ai LeNet and the report's models 1–4, three seeds each", specs),
                created -> getUI().ifPresent(ui -> ui.navigate(
                        ReportView.class,
                        new RouteParameters("experiment", created.id().toString()))));
    }

    /** Submits; once the service has taken it, says so and goes {@code next}. */
    private void send(ExperimentSubmission submission, Consumer<ExperimentView> next) {
        submit.setEnabled(false);
        reproduce.setEnabled(false);
        calls.fetch(
                this,
                backend -> backend.submit(submission),
                created -> {
                    submit.setEnabled(true);
                    reproduce.setEnabled(true);
                    Notification.show(
                                    "Submitted \"" + created.name() + "\": "
                                            + created.runs().size() + " run"
                                            + (created.runs().size() == 1 ? "" : "s") + " queued",
                                    4000,
                                    Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    next.accept(created);
                },
                e -> {
                    submit.setEnabled(true);
                    reproduce.setEnabled(true);
                    List<String> unplaced = new ArrayList<>();
                    for (ApiProblem.Violation v : e.violations()) {
                        if (!placeOnField(v, submission)) {
                            unplaced.add(v.field() + ": " + v.message());
                        }
                    }
                    showErrors(
                            e.violations().isEmpty() ? e.getMessage() : "Please correct the marked fields.", unplaced);
                });
    }

    /** Shows an API violation next to the field it names; false when no field on this page fits. */
    private boolean placeOnField(ApiProblem.Violation v, ExperimentSubmission submission) {
        if (v.field() == null) {
            return false;
        }
        HasValidation topLevel = v.field().equals("name")
                ? name
                : v.field().equals("description")
                        ? description
                        : RUN_SEEDS.matcher(v.field()).matches() ? seeds : null;
        if (topLevel != null) {
            topLevel.setErrorMessage(v.message());
            topLevel.setInvalid(true);
            return true;
        }
        Matcher fieldMatch = RUN_FIELD.matcher(v.field());
        boolean customSpec = fieldMatch.matches()
                && custom.getValue()
                && Integer.parseInt(fieldMatch.group(1)) == submission.runs().size() - 1;
        return customSpec && customForm.showError(fieldMatch.group(2), v.message());
    }

    /** The seeds typed in; null (with the field marked) when one is not a number. */
    private List<Long> parseSeeds() {
        List<Long> list = new ArrayList<>();
        for (String part : seeds.getValue().split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                list.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                seeds.setErrorMessage("\"" + part + "\" is not a whole number");
                seeds.setInvalid(true);
                return null;
            }
        }
        return list;
    }

    private void clearErrors() {
        name.setInvalid(false);
        description.setInvalid(false);
        seeds.setInvalid(false);
        customForm.clearErrors();
        errors.setVisible(false);
    }

    private void showErrors(String summary, List<String> details) {
        errors.removeAll();
        errors.add(new Paragraph(summary));
        if (!details.isEmpty()) {
            UnorderedList list = new UnorderedList();
            details.forEach(d -> list.add(new ListItem(d)));
            errors.add(list);
        }
        errors.setVisible(true);
    }

    private static String presetLabel(Preset p) {
        String reported = p.reportedAccuracy() == null
                ? ""
                : String.format(Locale.ROOT, " (report: %.0f %%)", p.reportedAccuracy() * 100);
        return p.id() + " — " + p.title() + reported;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
