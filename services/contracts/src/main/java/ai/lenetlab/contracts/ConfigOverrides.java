package ai.lenetlab.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Applies overrides by field name to a config ({@code {"epochs":1,"optimizer":"adamw"}}), the way
 * the CLI's options and the API's {@code overrides} work. Unknown fields and wrong types fail with
 * the field named; the bounds are left to {@link ConfigValidator}.
 */
public final class ConfigOverrides {

    private static final ObjectMapper MAPPER = StrictJson.configure(JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build());

    private ConfigOverrides() {}

    public static RunConfig apply(RunConfig base, Map<String, ?> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return base;
        }
        ObjectNode merged = MAPPER.valueToTree(base);
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            if (!merged.has(e.getKey())) {
                throw new InvalidConfigException(List.of(new ConfigViolation(e.getKey(), "is not a config field")));
            }
            merged.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
        }
        try {
            return MAPPER.treeToValue(merged, RunConfig.class);
        } catch (JsonMappingException ex) {
            String field =
                    ex.getPath().isEmpty() ? "config" : ex.getPath().get(0).getFieldName();
            Class<?> type = ex instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            throw new InvalidConfigException(List.of(
                    new ConfigViolation(field, "has the wrong type or value: expected " + StrictJson.expected(type))));
        } catch (JsonProcessingException ex) {
            throw new InvalidConfigException(List.of(new ConfigViolation("config", "is not readable")));
        }
    }
}
