package ai.lenetlab.contracts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An error as RFC 9457 {@code application/problem+json}; {@code violations} names each bad field
 * (JSON path, e.g. {@code runs[0].overrides.epochs}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiProblem(String type, String title, int status, String detail, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record Violation(String field, String message) {}
}
