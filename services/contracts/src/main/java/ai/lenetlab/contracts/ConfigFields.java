package ai.lenetlab.contracts;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/** A config's fields by name, in declaration order, read from the record itself so new fields come for free. */
public final class ConfigFields {

    private ConfigFields() {}

    public static Map<String, Object> of(RunConfig config) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent component : RunConfig.class.getRecordComponents()) {
            try {
                values.put(component.getName(), component.getAccessor().invoke(config));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component.getName(), e);
            }
        }
        return values;
    }
}
