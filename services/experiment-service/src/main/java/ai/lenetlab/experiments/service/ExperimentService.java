package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.experiments.api.ExperimentPlanner;
import ai.lenetlab.experiments.domain.Experiment;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.messaging.RunDispatcher;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates experiments: their runs are stored as QUEUED and one request per run goes to Kafka. */
@ApplicationScoped
public class ExperimentService {

    @Inject
    RunDispatcher dispatcher;

    @Inject
    Quota quota;

    /** All or nothing: if Kafka takes no request, the transaction rolls back and nothing is stored. */
    @Transactional
    public Experiment submit(ExperimentSubmission submission, SecurityIdentity caller) {
        List<ExperimentPlanner.PlannedRun> planned = ExperimentPlanner.plan(submission);
        quota.checkSubmission(caller, planned.size(), planned.stream().mapToLong(p -> p.config().epochs()).sum());
        String owner = caller.getPrincipal().getName();
        Instant now = Instant.now();
        Experiment experiment = new Experiment();
        experiment.id = UUID.randomUUID();
        experiment.name = submission.name().strip();
        experiment.description = submission.description();
        experiment.createdAt = now;
        experiment.owner = owner;
        for (int i = 0; i < planned.size(); i++) {
            Run run = new Run();
            run.id = UUID.randomUUID();
            run.experiment = experiment;
            run.ordinal = i + 1;
            run.preset = planned.get(i).preset();
            run.config = planned.get(i).config();
            run.seed = run.config.seed();
            run.status = RunStatus.QUEUED;
            run.attempt = 1;
            run.createdAt = now;
            run.queuedAt = now;
            experiment.runs.add(run);
        }
        experiment.persist();
        Experiment.flush(); // constraint violations surface before anything is published
        dispatcher.requestTraining(experiment.runs);
        return experiment;
    }
}
