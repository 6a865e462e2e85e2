package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.ExperimentView;
import ai.lenetlab.experiments.domain.Experiment;
import ai.lenetlab.experiments.domain.Run;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates experiments: their runs are stored as QUEUED and wait in the lab's queue ({@link RunQueue}). */
@ApplicationScoped
public class ExperimentService {

    @Inject
    RunLifecycle lifecycle;

    @Inject
    Quota quota;

    /** All or nothing: the experiment and its runs, checked against the quota, in one transaction. */
    @Transactional
    public Experiment submit(ExperimentSubmission submission, SecurityIdentity caller) {
        List<ExperimentPlanner.PlannedRun> planned = ExperimentPlanner.plan(submission);
        quota.checkSubmission(
                caller,
                planned.size(),
                planned.stream().mapToLong(p -> p.config().epochs()).sum());
        String owner = caller.getPrincipal().getName();
        Instant now = Instant.now();
        Experiment experiment = new Experiment();
        experiment.id = UUID.randomUUID();
        experiment.name = submission.name().strip();
        experiment.description = submission.description();
        experiment.createdAt = now;
        experiment.owner = owner;
        for (int i = 0; i < planned.size(); i++) {
            experiment.runs.add(Run.queued(
                    experiment, i + 1, planned.get(i).preset(), planned.get(i).config(), now));
        }
        experiment.persist();
        Experiment.flush(); // constraint violations surface before anything is published
        lifecycle.queued(experiment.runs);
        return experiment;
    }

    /** All experiments, newest first, with their runs. */
    @Transactional
    public List<ExperimentView> list() {
        return Experiment.<Experiment>listAll(Sort.descending("createdAt")).stream()
                .map(ExperimentService::view)
                .toList();
    }

    /** One experiment with its runs. */
    @Transactional
    public ExperimentView get(UUID id) {
        Experiment experiment = Experiment.findById(id);
        if (experiment == null) {
            throw Refusal.notFound("experiment", id);
        }
        return view(experiment);
    }

    private static ExperimentView view(Experiment experiment) {
        return RunViews.experiment(experiment, RunService.summaries(experiment.runs));
    }
}
