package ai.lenetlab.experiments.api;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Ends a request with a problem response: bad input (400), unknown id (404), wrong state (409). */
public class ApiException extends RuntimeException {

    private final Response.Status status;
    private final transient List<ApiProblem.Violation> violations;

    public ApiException(Response.Status status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(Response.Status status, String detail, List<ApiProblem.Violation> violations) {
        super(detail);
        this.status = status;
        this.violations = violations;
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(Response.Status.NOT_FOUND, what + " " + id + " does not exist");
    }

    public Response toResponse() {
        return ApiProblem.response(status, getMessage(), violations);
    }
}
