package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.EpochMetric;
import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.experiments.domain.EpochMetricRow;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.Sweep;
import ai.lenetlab.experiments.domain.SweepTrial;
import ai.lenetlab.sweeps.Pruner;
import ai.lenetlab.sweeps.Sampler;
import ai.lenetlab.sweeps.SeedRace;
import ai.lenetlab.sweeps.SweepPlan;
import ai.lenetlab.sweeps.SweepSpecCheck;
import ai.lenetlab.sweeps.SweepStatus;
import ai.lenetlab.sweeps.TrialScores;
import ai.lenetlab.sweeps.TrialTable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs the sweeps: stops the losing trials early, proposes new trials while a sweep has room, and
 * completes it when all are done. Every decision is made from what PostgreSQL holds (statuses, epochs,
 * trials), on one thread, with the sweep locked first — so a restarted service decides as the old one
 * would, and users' pause/cancel never race it. A sweep is looked at when one of its runs changes
 * (after that change commits), when it is created or resumed, and every few seconds as a safety net.
 */
@ApplicationScoped
public class SweepScheduler {

    private static final Logger LOG = Logger.getLogger(SweepScheduler.class);
    private static final long TICK_SECONDS = 5;

    @Inject
    RunLifecycle lifecycle;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Quota quota;

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("sweep-scheduler").daemon().unstarted(r));
    /** Sweeps with a look pending, so a burst of epochs asks once. */
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();

    void start(@Observes StartupEvent started) {
        thread.scheduleWithFixedDelay(this::lookAtRunningSweeps, 1, TICK_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        thread.shutdownNow();
    }

    /** After the current transaction commits, the sweep of a changed run takes a look. */
    void onRunChanged(@Observes RunLifecycle.SweepRunChanged changed) {
        lookAfterCommit(changed.sweepId());
    }

    /** Looks at the sweep once the current transaction has committed (at once outside one). */
    public void lookAfterCommit(UUID sweepId) {
        afterCommit.run(() -> lookSoon(sweepId));
    }

    private void lookSoon(UUID sweepId) {
        if (pending.add(sweepId)) {
            thread.execute(() -> {
                pending.remove(sweepId);
                look(sweepId);
            });
        }
    }

    private void lookAtRunningSweeps() {
        try {
            List<UUID> running = QuarkusTransaction.requiringNew()
                    .call(() -> Sweep.<Sweep>list("status", SweepStatus.RUNNING).stream()
                            .map(s -> s.id)
                            .toList());
            running.forEach(this::look);
        } catch (RuntimeException e) {
            LOG.warnf("sweeps not looked at this time: %s", DatabaseFailures.describe(e));
        }
    }

    private void look(UUID sweepId) {
        try {
            QuarkusTransaction.requiringNew().run(() -> step(sweepId));
        } catch (RuntimeException e) {
            LOG.warnf(e, "sweep %s: no decision this time (%s)", sweepId, DatabaseFailures.describe(e));
        }
    }

    /** One look at a sweep, within its lock: stop losers, propose trials, complete it when done. */
    void step(UUID sweepId) {
        Sweep sweep = Sweep.lockById(sweepId);
        if (sweep == null || sweep.status.isFinal()) {
            return;
        }
        SweepPlan plan = SweepSpecCheck.plan(sweep.spec);
        List<Run> runs = Run.list("sweepId = ?1 order by ordinal", sweepId);
        Map<UUID, List<EpochMetrics>> curves = EpochMetricRow.curvesOf(runs);
        List<SweepTrial> trials = SweepTrial.of(sweepId);
        stopLosers(plan, trials, runs, curves);
        if (plan.adaptiveSeeds() != null) {
            race(plan, trials, runs, curves);
        }
        if (sweep.status != SweepStatus.RUNNING) {
            return; // paused: its runs finish, nothing new starts
        }
        Proposed proposed = propose(sweep, plan, trials, runs, curves);
        boolean active = runs.stream().anyMatch(r -> !r.status.isFinal());
        // all trials proposed, or the budget allows no more (a sweep waiting for its owner's room goes on)
        if (!active && proposed.created() == 0 && !proposed.waitsForRoom()) {
            boolean anyResult =
                    runs.stream().anyMatch(r -> r.status == RunStatus.COMPLETED || r.status == RunStatus.PRUNED);
            sweep.status = anyResult || runs.isEmpty() ? SweepStatus.COMPLETED : SweepStatus.FAILED;
            sweep.finishedAt = Instant.now();
            LOG.infof("sweep %s %s: %d trials, %d runs", sweep.name, sweep.status, trials.size(), runs.size());
        }
    }

    /**
     * Early stopping: a trial is judged at an epoch once each of its seeds that has started has
     * finished that epoch, on their mean (seeds still queued are not waited for: if it stops they
     * never start); the losers' runs end PRUNED with the rule's reason. A diverged trial (non-finite
     * objective) stops whatever the rule. Each judgement is final and recorded, so a restarted service
     * judges what it missed.
     */
    private void stopLosers(
            SweepPlan plan, List<SweepTrial> trials, List<Run> runs, Map<UUID, List<EpochMetrics>> curves) {
        Map<Integer, List<Run>> byTrial = byTrial(runs);
        TrialScores scores = table(plan, trials, byTrial, curves).scores();
        Pruner pruner = Pruner.of(plan);
        for (SweepTrial trial : trials) {
            List<Run> members = byTrial.getOrDefault(trial.key.trial(), List.of());
            List<Run> active = members.stream().filter(r -> !r.status.isFinal()).toList();
            if (active.isEmpty()) {
                continue;
            }
            // the last epoch is no stop: there is nothing left to save
            int reached = Math.min(
                    reachedByAllStarted(members, curves), active.get(0).config.epochs() - 1);
            if (reached <= trial.judgedEpoch) {
                continue;
            }
            Optional<Pruner.Stop> stop =
                    pruner.firstStop(String.valueOf(trial.key.trial()), trial.judgedEpoch, reached, scores);
            trial.judgedEpoch = reached;
            if (stop.isPresent()) {
                String reason = stop.get().words(plan.rule().id());
                LOG.infof("trial %d %s", trial.key.trial(), reason);
                pruneActive(active, reason);
            }
        }
    }

    /**
     * Seed racing ({@link SeedRace}). At its rungs before the last epoch a trial is raced once all its
     * seeds have finished the rung (queued ones are waited for: the race tests seeds, not a mean of
     * whoever is there), against every trial that has reached it: significantly worse than the
     * leader, it stops as early stopping stops it; still tied, it gets another seed, a run proposed
     * with the trials (and raced at its next rung with it). When a trial's seeds are all done, the
     * finished trials are raced on their values at that epoch — their results: those still tied with
     * the leader (the leader of such a race too) get another seed, the others none, with the race's
     * reason. Each decision is recorded, so a restarted service makes no decision twice.
     */
    private void race(SweepPlan plan, List<SweepTrial> trials, List<Run> runs, Map<UUID, List<EpochMetrics>> curves) {
        SeedRace race = SeedRace.of(plan);
        Map<Integer, List<Run>> byTrial = byTrial(runs);
        TrialTable table = table(plan, trials, byTrial, curves);
        List<SweepTrial> finished = new ArrayList<>();
        Set<String> stopped = new HashSet<>();
        for (SweepTrial trial : trials) {
            List<Run> members = byTrial.getOrDefault(trial.key.trial(), List.of());
            if (members.stream().anyMatch(r -> r.status == RunStatus.PRUNED)) {
                stopped.add(String.valueOf(trial.key.trial()));
                continue;
            }
            if (members.isEmpty() || members.size() < seedsOf(plan, trial)) {
                continue; // a seed it was given is not proposed yet
            }
            int lastEpoch = members.get(0).config.epochs();
            Optional<SeedRace.AtRung> atRung = race.atRungs(
                    String.valueOf(trial.key.trial()),
                    trial.racedEpoch,
                    reachedByAll(members, curves),
                    lastEpoch,
                    table);
            if (atRung.isPresent()) {
                trial.racedEpoch = atRung.get().epoch();
                SeedRace.Decision decision = atRung.get().decision();
                if (decision.verdict() == SeedRace.Verdict.STOP) {
                    String reason = new Pruner.Stop(trial.racedEpoch, decision.reason()).words("seed race");
                    LOG.infof("trial %d %s", trial.key.trial(), reason);
                    trial.raceVerdict = SeedRace.Verdict.STOP;
                    trial.seedStopReason = decision.reason();
                    stopped.add(String.valueOf(trial.key.trial()));
                    pruneActive(members, reason);
                    continue;
                }
                if (decision.verdict() == SeedRace.Verdict.MORE_SEEDS) {
                    trial.extraSeeds++;
                    LOG.infof(
                            "trial %d: another seed at epoch %d (tied with the leader)",
                            trial.key.trial(), trial.racedEpoch);
                    continue;
                }
            }
            boolean done = members.stream().allMatch(r -> r.status.isFinal())
                    && members.stream().anyMatch(r -> r.status == RunStatus.COMPLETED);
            if (done && trial.raceVerdict != SeedRace.Verdict.STOP) {
                finished.add(trial);
            }
        }
        // raced at the end when a trial's seeds are newly done: a trial given a seed there is raced again with it
        if (finished.stream().noneMatch(t -> t.raceVerdict == null || t.raceVerdict == SeedRace.Verdict.MORE_SEEDS)) {
            return;
        }
        Map<Integer, List<SweepTrial>> byLastEpoch = finished.stream()
                .collect(Collectors.groupingBy(
                        t -> byTrial.get(t.key.trial()).get(0).config.epochs(),
                        LinkedHashMap::new,
                        Collectors.toList()));
        byLastEpoch.forEach((epoch, done) -> {
            Map<String, double[]> atEpoch = table.atEpoch(epoch);
            atEpoch.keySet().removeAll(stopped);
            Map<String, SeedRace.Decision> decisions = race.atTheEnd(epoch, atEpoch);
            for (SweepTrial trial : done) {
                SeedRace.Decision decision = decisions.get(String.valueOf(trial.key.trial()));
                if (decision == null) {
                    continue; // none of its seeds completed its last epoch
                }
                trial.racedEpoch = epoch;
                trial.raceVerdict = decision.verdict();
                if (decision.verdict() == SeedRace.Verdict.MORE_SEEDS) {
                    trial.extraSeeds++;
                    trial.seedStopReason = null;
                    LOG.infof("trial %d: another seed, tied with the leader at its last epoch", trial.key.trial());
                } else {
                    trial.seedStopReason = decision.reason();
                }
            }
        });
    }

    /** The seeds a trial is to have: the plan's, and those seed racing gave it. */
    static int seedsOf(SweepPlan plan, SweepTrial trial) {
        return plan.seedsPerTrial() + trial.extraSeeds;
    }

    /** The epoch every seed of a trial has finished, queued ones too (failed and cancelled ones do not count). */
    static int reachedByAll(List<Run> members, Map<UUID, List<EpochMetrics>> curves) {
        return members.stream()
                .filter(r -> r.status != RunStatus.FAILED && r.status != RunStatus.CANCELLED)
                .mapToInt(r -> curves.getOrDefault(r.id, List.of()).size())
                .min()
                .orElse(0);
    }

    private void pruneActive(List<Run> members, String reason) {
        for (Run run : members) {
            if (!run.status.isFinal()) {
                Run locked = Run.relock(run);
                if (!locked.status.isFinal()) {
                    lifecycle.prune(locked, reason);
                }
            }
        }
    }

    /** What a look proposed: runs created, and whether a next trial waits for its owner's quota. */
    private record Proposed(int created, boolean waitsForRoom) {}

    /**
     * Proposes trials while the sweep has room: runs to start within maxConcurrent, budget left, and
     * room in its owner's quota of unfinished runs (the next trial waits for that, a later look starts it).
     */
    private Proposed propose(
            Sweep sweep,
            SweepPlan plan,
            List<SweepTrial> trials,
            List<Run> runs,
            Map<UUID, List<EpochMetrics>> curves) {
        Sampler sampler = Sampler.of(plan);
        long active = runs.stream().filter(r -> !r.status.isFinal()).count();
        long quotaRoom = quota.roomFor(sweep.owner);
        int created = 0;
        // seeds the race gave go first: they settle the trials in doubt
        Map<Integer, List<Run>> byTrial = byTrial(runs);
        for (SweepTrial trial : trials) {
            List<Run> members = byTrial.getOrDefault(trial.key.trial(), List.of());
            if (members.isEmpty() || members.size() >= seedsOf(plan, trial)) {
                continue;
            }
            RunConfig next = plan.config(trial.values, members.size() + 1);
            if (members.stream().anyMatch(r -> r.status == RunStatus.PRUNED)) {
                trial.extraSeeds = members.size() - plan.seedsPerTrial(); // stopped since
            } else if (runs.size() + 1 > plan.maxRuns() || plannedEpochs(runs) + next.epochs() > plan.maxEpochs()) {
                trial.extraSeeds = members.size() - plan.seedsPerTrial();
                trial.seedStopReason = "the sweep's budget allows no more runs";
                if (trial.raceVerdict == SeedRace.Verdict.MORE_SEEDS) {
                    trial.raceVerdict = SeedRace.Verdict.GO_ON; // raced at its end: not again until others change
                }
            } else if (active > 0 && active + 1 > plan.maxConcurrent()) {
                return new Proposed(created, false); // a later look, when a run is done
            } else if (created + 1 > quotaRoom) {
                return new Proposed(created, true);
            } else {
                Run run = queue(sweep, plan, runs, trial, members.size() + 1);
                lifecycle.queued(List.of(run));
                active++;
                created++;
                LOG.infof("sweep %s: trial %d seed %d", sweep.name, trial.key.trial(), run.seed);
            }
        }
        while (hasRoom(plan, trials, runs) && (active == 0 || active + plan.seedsPerTrial() <= plan.maxConcurrent())) {
            if (created + plan.seedsPerTrial() > quotaRoom) {
                return new Proposed(created, true);
            }
            int index = trials.size();
            Map<String, Object> values = sampler.next(
                    index, table(plan, trials, byTrial(runs), curves).observations());
            RunConfig first = plan.config(values, 1);
            if (plannedEpochs(runs) + (long) plan.seedsPerTrial() * first.epochs() > plan.maxEpochs()) {
                break; // the epoch budget would be exceeded: no more trials
            }
            SweepTrial trial = new SweepTrial();
            trial.key = new SweepTrial.Key(sweep.id, index);
            trial.values = values;
            trial.persist();
            trials.add(trial);
            List<Run> queued = new ArrayList<>();
            for (int seed = 1; seed <= plan.seedsPerTrial(); seed++) {
                queued.add(queue(sweep, plan, runs, trial, seed));
            }
            lifecycle.queued(queued);
            active += queued.size();
            created += queued.size();
            LOG.infof("sweep %s: trial %d %s", sweep.name, index, values);
        }
        return new Proposed(created, false);
    }

    /** A new QUEUED run of the trial for {@code seed}, added to {@code runs}. */
    private static Run queue(Sweep sweep, SweepPlan plan, List<Run> runs, SweepTrial trial, long seed) {
        Run run = Run.queued(
                sweep.experiment, runs.size() + 1, plan.preset(), plan.config(trial.values, seed), Instant.now());
        run.sweepId = sweep.id;
        run.trial = trial.key.trial();
        run.priority = plan.priority();
        run.persist();
        Run.flush();
        runs.add(run);
        return run;
    }

    private static boolean hasRoom(SweepPlan plan, List<SweepTrial> trials, List<Run> runs) {
        return trials.size() < plan.trials() && runs.size() + plan.seedsPerTrial() <= plan.maxRuns();
    }

    private static long plannedEpochs(List<Run> runs) {
        return runs.stream().mapToLong(r -> r.config.epochs()).sum();
    }

    /** The sweep's trials with their runs' objective by epoch, as the sampler and pruner judge them. */
    static TrialTable table(
            SweepPlan plan,
            List<SweepTrial> trials,
            Map<Integer, List<Run>> byTrial,
            Map<UUID, List<EpochMetrics>> curves) {
        EpochMetric metric = metric(plan);
        return new TrialTable(
                plan,
                trials.stream()
                        .map(t -> {
                            List<Run> members = byTrial.getOrDefault(t.key.trial(), List.of());
                            return new TrialTable.Trial(
                                    t.key.trial(),
                                    t.values,
                                    members.stream()
                                            .map(r -> curves.getOrDefault(r.id, List.of()).stream()
                                                    .map(metric::of)
                                                    .toList())
                                            .toList(),
                                    !members.isEmpty() && members.stream().allMatch(r -> r.status.isFinal()));
                        })
                        .toList());
    }

    /**
     * The furthest epoch every started seed of a trial has finished, so a judgement there is on the
     * mean of all of them: the least epoch of its seeds still training, or, when none trains, the most
     * any has finished (failed and cancelled seeds do not count; queued ones are not waited for).
     */
    static int reachedByAllStarted(List<Run> members, Map<UUID, List<EpochMetrics>> curves) {
        List<Run> counting = members.stream()
                .filter(r -> r.status != RunStatus.FAILED && r.status != RunStatus.CANCELLED)
                .toList();
        return counting.stream()
                .filter(r -> r.status == RunStatus.RUNNING)
                .mapToInt(r -> curves.getOrDefault(r.id, List.of()).size())
                .min()
                .orElseGet(() -> counting.stream()
                        .mapToInt(r -> curves.getOrDefault(r.id, List.of()).size())
                        .max()
                        .orElse(0));
    }

    static Map<Integer, List<Run>> byTrial(List<Run> runs) {
        return runs.stream()
                .filter(r -> r.trial != null)
                .collect(Collectors.groupingBy(r -> r.trial, LinkedHashMap::new, Collectors.toList()));
    }

    static EpochMetric metric(SweepPlan plan) {
        for (EpochMetric m : EpochMetric.values()) {
            if (m.key().equals(plan.metric())) {
                return m;
            }
        }
        throw new IllegalStateException("unknown metric " + plan.metric());
    }
}
