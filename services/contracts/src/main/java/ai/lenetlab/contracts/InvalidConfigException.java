package ai.lenetlab.contracts;

import java.util.List;
import java.util.stream.Collectors;

/** A config that breaks one or more documented bounds; the message lists them all. */
public class InvalidConfigException extends IllegalArgumentException {

    private final transient List<ConfigViolation> violations;

    public InvalidConfigException(List<ConfigViolation> violations) {
        super("invalid config: "
                + violations.stream().map(ConfigViolation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<ConfigViolation> violations() {
        return violations;
    }
}
