package ai.lenetlab.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enumerated config value with the lower-case id that users type on the command line and send
 * in JSON ({@code "optimizer":"adamw"}): the constant's name in lower case with hyphens
 * ({@code SGD_MOMENTUM} → {@code sgd-momentum}). Jackson writes and reads the id.
 */
public interface ConfigChoice {

    String name();

    @JsonValue
    default String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Looks an id up case-insensitively; the error lists what is accepted. */
    static <E extends Enum<E> & ConfigChoice> E parse(Class<E> type, String id) {
        for (E value : type.getEnumConstants()) {
            if (value.id().equalsIgnoreCase(id.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not one of " + ids(type));
    }

    static <E extends Enum<E> & ConfigChoice> String ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigChoice::id).collect(Collectors.joining(", "));
    }
}
