package ai.lenetlab.frontend.components;

import ai.lenetlab.contracts.ConfigChoice;
import ai.lenetlab.contracts.ConfigFields;
import ai.lenetlab.contracts.ConfigValidator;
import ai.lenetlab.contracts.RunConfig;
import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A field for every {@link RunConfig} field, made from the record itself so a new config field appears
 * here without touching the UI. Enums offer their ids; bounds are the API's to check.
 */
public class ConfigForm extends FormLayout {

    private final Map<String, HasValue<?, ?>> fields = new LinkedHashMap<>();

    public ConfigForm() {
        for (RecordComponent component : RunConfig.class.getRecordComponents()) {
            HasValue<?, ?> field = fieldFor(component);
            ((Component) field).getElement().setAttribute("data-field", component.getName());
            fields.put(component.getName(), field);
            add((Component) field);
        }
        setResponsiveSteps(
                new ResponsiveStep("0", 1),
                new ResponsiveStep("30em", 2),
                new ResponsiveStep("50em", 3),
                new ResponsiveStep("70em", 4));
    }

    /** Shows {@code config}'s values. */
    public void setConfig(RunConfig config) {
        ConfigFields.of(config).forEach((name, value) -> setValue(fields.get(name), value));
        clearErrors();
    }

    /** The fields whose value differs from {@code base}: the overrides to send with the base preset. */
    public Map<String, Object> overridesFrom(RunConfig base) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        ConfigFields.of(base).forEach((name, baseValue) -> {
            Object value = fields.get(name).getValue();
            if (value == null) {
                overrides.put(name, null); // left empty: the API names it
            } else if (!sameValue(value, baseValue)) {
                overrides.put(name, value);
            }
        });
        return overrides;
    }

    /** Marks a field invalid with the API's message; false when there is no such field. */
    public boolean showError(String field, String message) {
        HasValue<?, ?> target = fields.get(field);
        if (target instanceof HasValidation validation) {
            validation.setErrorMessage(message);
            validation.setInvalid(true);
            return true;
        }
        return false;
    }

    public void clearErrors() {
        fields.values().forEach(f -> {
            if (f instanceof HasValidation validation) {
                validation.setInvalid(false);
            }
        });
    }

    public HasValue<?, ?> field(String name) {
        return fields.get(name);
    }

    private static HasValue<?, ?> fieldFor(RecordComponent component) {
        String label = label(component.getName());
        Class<?> type = component.getType();
        if (type.isEnum() && ConfigChoice.class.isAssignableFrom(type)) {
            ComboBox<Object> combo = new ComboBox<>(label, Arrays.asList(type.getEnumConstants()));
            combo.setItemLabelGenerator(choice -> ((ConfigChoice) choice).id());
            combo.setAllowCustomValue(false);
            return combo;
        }
        if (type == boolean.class) {
            return new Checkbox(label);
        }
        String bounds = ConfigValidator.bounds(component.getName());
        if (type == int.class || type == long.class) {
            IntegerField field = new IntegerField(label);
            field.setStepButtonsVisible(false);
            field.setHelperText(bounds);
            return field;
        }
        NumberField field = new NumberField(label);
        field.setStep(0.0001);
        field.setHelperText(bounds);
        return field;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setValue(HasValue field, Object value) {
        if (value instanceof Long l) {
            value = (int) (long) l;
        }
        ((AbstractField) field).setValue(value);
    }

    private static boolean sameValue(Object fieldValue, Object configValue) {
        if (fieldValue instanceof Number a && configValue instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(fieldValue, configValue);
    }

    /** conv1Channels → "Conv1 channels". */
    static String label(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
