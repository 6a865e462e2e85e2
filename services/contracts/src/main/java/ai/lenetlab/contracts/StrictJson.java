package ai.lenetlab.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * JSON read as written: no guessing of types ({@code "epochs":"1"}, {@code 1.5} for a whole number,
 * {@code 5} for a name, {@code true} for a number are refused), unknown fields, a key given twice and
 * anything after the value refused. A request that means something else than it says is a 400, not a
 * surprise later.
 */
public final class StrictJson {

    private StrictJson() {}

    @SuppressWarnings("deprecation") // ALLOW_COERCION_OF_SCALARS: still the switch for String → number in Jackson 2
    public static <M extends ObjectMapper> M configure(M mapper) {
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        for (CoercionInputShape scalar : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(scalar, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * What a field of this type accepts, in words a user reads ("a whole number", "one of relu, sigmoid"):
     * Jackson's own messages name Java types.
     */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == int.class
                || type == long.class
                || type == Integer.class
                || type == Long.class
                || type == short.class
                || type == Short.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> c instanceof ConfigChoice choice ? choice.id() : ((Enum<?>) c).name())
                            .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
