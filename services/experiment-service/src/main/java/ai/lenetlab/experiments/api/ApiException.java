package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.ApiProblem;
import jakarta.ws.rs.core.MediaType;
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
        return problem(status, getMessage(), violations);
    }

    /** An RFC 9457 {@code application/problem+json} response. */
    public static Response problem(Response.Status status, String detail, List<ApiProblem.Violation> violations) {
        ApiProblem problem = new ApiProblem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail,
                violations == null || violations.isEmpty() ? null : violations);
        return Response.status(status).type(MediaType.valueOf(ApiProblem.MEDIA_TYPE)).entity(problem).build();
    }
}
