package ai.lenetlab.frontend.backend;

import ai.lenetlab.contracts.api.ApiProblem;
import java.util.List;

/**
 * The experiment service refused a request or could not be reached. {@code status} is the HTTP status
 * (0: no answer); {@code violations} name the bad fields as the API reports them.
 */
public class BackendException extends RuntimeException {

    private final int status;
    private final transient List<ApiProblem.Violation> violations;

    public BackendException(int status, String message, List<ApiProblem.Violation> violations) {
        super(message);
        this.status = status;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static BackendException unreachable(Throwable cause) {
        BackendException e = new BackendException(
                0,
                "The experiment service cannot be reached right now. "
                        + "Runs go on training; this page updates once it is back.",
                List.of());
        e.initCause(cause);
        return e;
    }

    public int status() {
        return status;
    }

    public List<ApiProblem.Violation> violations() {
        return violations;
    }

    public boolean notFound() {
        return status == 404;
    }
}
