package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.api.ApiProblem;
import java.util.List;

/**
 * A request the lab refuses, and why: the services say what is wrong in the user's words, the REST
 * layer turns it into problem+json with the kind's HTTP status (api.ProblemMappers).
 */
public class Refusal extends RuntimeException {

    /** What kind of refusal, with its HTTP status. */
    public enum Kind {
        INVALID(400),
        UNAUTHORIZED(401),
        FORBIDDEN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        TOO_LARGE(413),
        UNSUPPORTED_TYPE(415),
        TOO_MANY(429);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final transient List<ApiProblem.Violation> violations;

    public Refusal(Kind kind, String detail) {
        this(kind, detail, List.of());
    }

    public Refusal(Kind kind, String detail, List<ApiProblem.Violation> violations) {
        super(detail);
        this.kind = kind;
        this.violations = violations;
    }

    public static Refusal notFound(String what, Object id) {
        return new Refusal(Kind.NOT_FOUND, what + " " + id + " does not exist");
    }

    public Kind kind() {
        return kind;
    }

    public List<ApiProblem.Violation> violations() {
        return violations;
    }
}
