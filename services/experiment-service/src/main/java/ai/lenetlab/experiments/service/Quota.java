package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.experiments.domain.LabUser;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.security.Roles;
import ai.lenetlab.sweeps.SweepPlan;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * How much training one request and one user may ask for, so that nobody fills the shared queue by
 * accident or on purpose — by experiments and sweeps alike. Admins are not limited (they run the lab).
 * Limits: {@code lenetlab.quota.*}.
 */
@ApplicationScoped
public class Quota {

    @ConfigMapping(prefix = "lenetlab.quota")
    public interface Limits {

        /** Epochs summed over an experiment's runs (200 runs of model-2's 14 epochs: 2,800), or a sweep's budget. */
        @WithDefault("4000")
        int maxEpochsPerExperiment();

        /** A researcher's runs that are queued or running at once. */
        @WithDefault("200")
        int maxUnfinishedRuns();

        /**
         * The highest priority a researcher may give a sweep: 0, that of every experiment, so only an
         * admin can put a sweep before colleagues' runs (anyone may give way with a negative one).
         */
        @WithDefault("0")
        int maxPriority();
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

    /**
     * Refuses a sweep that may train more epochs than an experiment may (400), that would go before
     * colleagues' runs (403), or whose first trial the user has no room for (429). Its later trials
     * wait for room ({@link #roomFor}).
     */
    void checkSweep(SecurityIdentity caller, SweepPlan plan) {
        if (caller.hasRole(Roles.ADMIN)) {
            return;
        }
        if (plan.maxEpochs() > limits.maxEpochsPerExperiment()) {
            throw new Refusal(
                    Refusal.Kind.INVALID,
                    "the sweep is too large",
                    List.of(new ApiProblem.Violation(
                            "budget.maxEpochs",
                            "the sweep may train " + plan.maxEpochs() + " epochs (trials × seedsPerTrial × epochs, or"
                                    + " its budget); at most " + limits.maxEpochsPerExperiment()
                                    + " per experiment: set a smaller budget.maxEpochs")));
        }
        if (plan.priority() > limits.maxPriority()) {
            throw new Refusal(
                    Refusal.Kind.FORBIDDEN,
                    "only admins may put a sweep before other runs",
                    List.of(new ApiProblem.Violation(
                            "priority", "must be at most " + limits.maxPriority() + " for researchers")));
        }
        checkRoom(caller, plan.seedsPerTrial());
    }

    /** Refuses (429) more runs than the user has room for among their queued and running ones. */
    void checkRoom(SecurityIdentity caller, int runs) {
        if (caller.hasRole(Roles.ADMIN)) {
            return;
        }
        long unfinished = unfinished(caller.getPrincipal().getName());
        if (unfinished + runs > limits.maxUnfinishedRuns()) {
            throw new Refusal(
                    Refusal.Kind.TOO_MANY,
                    "you have " + unfinished + " runs queued or "
                            + "running and ask for " + runs + " more; at most " + limits.maxUnfinishedRuns()
                            + " at once: wait for some to finish or cancel some");
        }
    }

    /** How many more runs {@code owner}'s sweeps may queue now (admins: no limit). */
    long roomFor(String owner) {
        LabUser user = LabUser.find("username", owner).firstResult();
        if (user != null && Roles.ADMIN.equals(user.role)) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, limits.maxUnfinishedRuns() - unfinished(owner));
    }

    private static long unfinished(String owner) {
        return Run.count("experiment.owner = ?1 and status in ?2", owner, List.of(RunStatus.QUEUED, RunStatus.RUNNING));
    }
}
