package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.CompareView.Stat;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.experiments.domain.EpochMetricRow;
import ai.lenetlab.experiments.domain.Experiment;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.Sweep;
import ai.lenetlab.experiments.domain.SweepTrial;
import ai.lenetlab.experiments.security.Roles;
import ai.lenetlab.sweeps.InvalidSweepException;
import ai.lenetlab.sweeps.SweepPlan;
import ai.lenetlab.sweeps.SweepSpec;
import ai.lenetlab.sweeps.SweepSpecCheck;
import ai.lenetlab.sweeps.SweepStatus;
import ai.lenetlab.sweeps.SweepView;
import ai.lenetlab.sweeps.SweepView.TrialView;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sweeps as users ask for them: create (the spec checked completely), read, pause, resume, cancel.
 * Proposing trials and stopping losers is the {@link SweepScheduler}'s.
 */
@ApplicationScoped
public class SweepService {

    @Inject
    SweepScheduler scheduler;

    @Inject
    RunLifecycle lifecycle;

    @Inject
    Quota quota;

    @Transactional
    public SweepView create(SweepSpec spec, SecurityIdentity caller) {
        SweepPlan plan;
        try {
            plan = SweepSpecCheck.plan(spec);
        } catch (InvalidSweepException e) {
            throw new Refusal(
                    Refusal.Kind.INVALID,
                    "the sweep is not valid",
                    e.violations().stream()
                            .map(v -> new ApiProblem.Violation(v.field(), v.message()))
                            .toList());
        }
        quota.checkSweep(caller, plan);
        Instant now = Instant.now();
        Experiment experiment = new Experiment();
        experiment.id = UUID.randomUUID();
        experiment.name = plan.name();
        experiment.description = "sweep: " + plan.method().id() + ", " + plan.trials() + " trials × "
                + (plan.adaptiveSeeds() == null
                        ? plan.seedsPerTrial() + " seeds"
                        : plan.adaptiveSeeds().min() + "–"
                                + plan.adaptiveSeeds().max() + " seeds (seed racing)");
        experiment.createdAt = now;
        experiment.owner = caller.getPrincipal().getName();
        experiment.persist();
        Sweep sweep = new Sweep();
        sweep.id = UUID.randomUUID();
        sweep.experiment = experiment;
        sweep.name = plan.name();
        sweep.owner = experiment.owner;
        sweep.spec = spec;
        sweep.status = SweepStatus.RUNNING;
        sweep.createdAt = now;
        sweep.persist();
        scheduler.lookAfterCommit(sweep.id);
        return view(sweep, true, caller);
    }

    @Transactional
    public List<SweepView> list(SecurityIdentity caller) {
        return Sweep.<Sweep>listAll(Sort.descending("createdAt")).stream()
                .map(s -> view(s, false, caller))
                .toList();
    }

    @Transactional
    public SweepView get(UUID id, SecurityIdentity caller) {
        return view(find(id), true, caller);
    }

    /** No new trials; the running ones finish. */
    @Transactional
    public SweepView pause(UUID id, SecurityIdentity caller) {
        Sweep sweep = lock(id, caller, "pause");
        if (sweep.status != SweepStatus.RUNNING) {
            throw new Refusal(Refusal.Kind.CONFLICT, "sweep " + id + " is " + sweep.status + ", not RUNNING");
        }
        sweep.status = SweepStatus.PAUSED;
        return view(sweep, true, caller);
    }

    @Transactional
    public SweepView resume(UUID id, SecurityIdentity caller) {
        Sweep sweep = lock(id, caller, "resume");
        if (sweep.status != SweepStatus.PAUSED) {
            throw new Refusal(Refusal.Kind.CONFLICT, "sweep " + id + " is " + sweep.status + ", not PAUSED");
        }
        sweep.status = SweepStatus.RUNNING;
        scheduler.lookAfterCommit(sweep.id);
        return view(sweep, true, caller);
    }

    /** Ends the sweep: its queued and running runs are cancelled. */
    @Transactional
    public SweepView cancel(UUID id, SecurityIdentity caller) {
        Sweep sweep = lock(id, caller, "cancel");
        if (sweep.status.isFinal()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "sweep " + id + " is already " + sweep.status);
        }
        sweep.status = SweepStatus.CANCELLED;
        sweep.finishedAt = Instant.now();
        for (Run run : Run.<Run>list("sweepId = ?1 order by id", id)) {
            if (!run.status.isFinal()) {
                Run locked = Run.relock(run);
                if (!locked.status.isFinal() && !locked.cancelRequested) {
                    lifecycle.cancel(locked);
                }
            }
        }
        return view(sweep, true, caller);
    }

    private static Sweep find(UUID id) {
        Sweep sweep = Sweep.findById(id);
        if (sweep == null) {
            throw Refusal.notFound("sweep", id);
        }
        return sweep;
    }

    private static Sweep lock(UUID id, SecurityIdentity caller, String action) {
        Sweep sweep = Sweep.lockById(id);
        if (sweep == null) {
            throw Refusal.notFound("sweep", id);
        }
        if (!isOwnerOrAdmin(sweep, caller)) {
            throw new Refusal(
                    Refusal.Kind.FORBIDDEN,
                    "only the user who started sweep " + id + " or an admin may " + action + " it");
        }
        return sweep;
    }

    private static boolean isOwnerOrAdmin(Sweep sweep, SecurityIdentity caller) {
        return caller.hasRole(Roles.ADMIN) || caller.getPrincipal().getName().equals(sweep.owner);
    }

    /**
     * The sweep with its trials (or without, for lists): each with its runs and objective over seeds.
     * Its owner is named to them and to admins only, as runs name no owner to other users.
     */
    static SweepView view(Sweep sweep, boolean withTrials, SecurityIdentity caller) {
        SweepPlan plan = SweepSpecCheck.plan(sweep.spec);
        List<Run> runs = Run.list("sweepId = ?1 order by ordinal", sweep.id);
        Map<UUID, List<EpochMetrics>> curves = EpochMetricRow.curvesOf(runs);
        Map<Integer, List<Run>> byTrial = SweepScheduler.byTrial(runs);
        List<TrialView> trials = SweepTrial.of(sweep.id).stream()
                .map(t -> trial(plan, t, byTrial.getOrDefault(t.key.trial(), List.of()), curves))
                .toList();
        Integer best = trials.stream()
                .filter(t ->
                        t.objective() != null && Double.isFinite(t.objective().mean()))
                .max(Comparator.comparingDouble(t -> plan.score(t.objective().mean())))
                .map(TrialView::index)
                .orElse(null);
        int epochs = curves.values().stream().mapToInt(List::size).sum();
        return new SweepView(
                sweep.id,
                sweep.name,
                isOwnerOrAdmin(sweep, caller) ? sweep.owner : null,
                sweep.status,
                sweep.experiment.id,
                sweep.spec,
                sweep.createdAt,
                sweep.finishedAt,
                withTrials ? trials : List.of(),
                best,
                runs.size(),
                epochs);
    }

    private static TrialView trial(
            SweepPlan plan, SweepTrial trial, List<Run> runs, Map<UUID, List<EpochMetrics>> curves) {
        int epochs = runs.stream().mapToInt(r -> curves.get(r.id).size()).max().orElse(0);
        // the seeds at its most epochs: a seed racing gave it later, still catching up, is not its result yet
        double[] last = runs.stream()
                .map(r -> curves.get(r.id))
                .filter(c -> !c.isEmpty() && c.size() == epochs)
                .mapToDouble(c -> SweepScheduler.metric(plan).of(c.get(c.size() - 1)))
                .toArray();
        Stat objective = Significance.stat(last);
        List<RunSummary> summaries = runs.stream()
                .map(r -> RunViews.summary(
                        r,
                        curves.get(r.id).isEmpty()
                                ? null
                                : curves.get(r.id).get(curves.get(r.id).size() - 1)))
                .toList();
        String stopReason = runs.stream()
                .filter(r -> r.status == RunStatus.PRUNED && r.error != null)
                .map(r -> r.error)
                .findFirst()
                .orElse(null);
        return new TrialView(
                trial.key.trial(),
                trial.values,
                status(runs),
                objective,
                epochs,
                summaries,
                stopReason,
                trial.seedStopReason);
    }

    private static String status(List<Run> runs) {
        if (runs.stream().anyMatch(r -> !r.status.isFinal())) {
            return "RUNNING";
        }
        if (runs.stream().anyMatch(r -> r.status == RunStatus.PRUNED)) {
            return "PRUNED";
        }
        if (runs.stream().anyMatch(r -> r.status == RunStatus.COMPLETED)) {
            return "COMPLETED";
        }
        return runs.stream().anyMatch(r -> r.status == RunStatus.FAILED) ? "FAILED" : "CANCELLED";
    }
}
