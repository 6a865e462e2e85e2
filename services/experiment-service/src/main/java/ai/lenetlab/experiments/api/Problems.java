package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.ApiProblem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** RFC 9457 {@code application/problem+json} answers: every refusal and failure of the API has this shape. */
final class Problems {

    private Problems() {}

    static Response problem(Response.Status status, String detail, List<ApiProblem.Violation> violations) {
        return problem(status.getStatusCode(), detail, violations);
    }

    static Response problem(int status, String detail, List<ApiProblem.Violation> violations) {
        return Response.status(status)
                .type(MediaType.valueOf(ApiProblem.MEDIA_TYPE))
                .entity(of(status, detail, violations))
                .build();
    }

    /** The body alone, for answers given before JAX-RS ({@link DeclaredBodyLimits}). */
    static ApiProblem of(int status, String detail, List<ApiProblem.Violation> violations) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return new ApiProblem(
                "about:blank",
                known == null ? "Error" : known.getReasonPhrase(),
                status,
                detail,
                violations == null || violations.isEmpty() ? null : violations);
    }
}
