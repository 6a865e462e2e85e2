package ai.lenetlab.sweeps;

import ai.lenetlab.contracts.ConfigViolation;
import java.util.List;
import java.util.stream.Collectors;

/** A sweep spec with problems; each names the path of its field. */
public class InvalidSweepException extends IllegalArgumentException {

    private final transient List<ConfigViolation> violations;

    public InvalidSweepException(List<ConfigViolation> violations) {
        super("invalid sweep: "
                + violations.stream().map(ConfigViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<ConfigViolation> violations() {
        return violations;
    }
}
