package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * How much training one request and one user may ask for, so that nobody fills the shared queue by
 * accident or on purpose. Admins are not limited (they run the lab). Limits: {@code lenetlab.quota.*}.
 */
@ApplicationScoped
public class Quota {

    @ConfigMapping(prefix = "lenetlab.quota")
    public interface Limits {

        /** Epochs summed over an experiment's runs (200 runs of model-2's 14 epochs: 2,800). */
        @WithDefault("4000")
        int maxEpochsPerExperiment();

        /** A researcher's runs that are queued or running at once. */
        @WithDefault("200")
        int maxUnfinishedRuns();
    }

    private final Limits limits;

    Quota(Limits limits) {
        this.limits = limits;
    }

    /** Refuses (400) an experiment over the epoch limit and (429) one the user has no room for. */
    void checkSubmission(SecurityIdentity caller, int runs, long epochs) {
        if (caller.hasRole(Roles.ADMIN)) {
            return;
        }
        if (epochs > limits.maxEpochsPerExperiment()) {
            throw new Refusal(
                    Refusal.Kind.INVALID,
                    "the experiment is too large",
                    List.of(new ApiProblem.Violation(
                            "runs",
                            "ask for " + epochs + " epochs in all (runs × epochs); at most "
                                    + limits.maxEpochsPerExperiment() + " per experiment")));
        }
        checkRoom(caller, runs);
    }

    /** Refuses (429) more runs than the user has room for among their queued and running ones. */
    void checkRoom(SecurityIdentity caller, int runs) {
        if (caller.hasRole(Roles.ADMIN)) {
            return;
        }
        long unfinished = Run.count(
                "experiment.owner = ?1 and status in ?2",
                caller.getPrincipal().getName(),
                List.of(RunStatus.QUEUED, RunStatus.RUNNING));
        if (unfinished + runs > limits.maxUnfinishedRuns()) {
            throw new Refusal(
                    Refusal.Kind.TOO_MANY,
                    "you have " + unfinished + " runs queued or "
                            + "running and ask for " + runs + " more; at most " + limits.maxUnfinishedRuns()
                            + " at once: wait for some to finish or cancel some");
        }
    }
}
