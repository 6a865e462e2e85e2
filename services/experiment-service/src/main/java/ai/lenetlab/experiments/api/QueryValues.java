package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.experiments.service.Refusal;
import java.util.List;
import java.util.function.Function;

/**
 * Query values taken as text and read here: one that does not parse is the caller's mistake (400 naming
 * the parameter), where JAX-RS would answer 404 for a typed parameter.
 */
final class QueryValues {

    private QueryValues() {}

    static <T> T parse(String name, String value, Function<String, T> parser, String expected) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new Refusal(
                    Refusal.Kind.INVALID,
                    name + " must be " + expected,
                    List.of(new ApiProblem.Violation(name, "not " + expected)));
        }
    }
}
