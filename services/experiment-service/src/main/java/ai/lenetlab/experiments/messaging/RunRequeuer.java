package ai.lenetlab.experiments.messaging;

import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.experiments.domain.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Gives a run whose worker is gone a new attempt, until the attempts are used up. */
@ApplicationScoped
public class RunRequeuer {

    private static final Logger LOG = Logger.getLogger(RunRequeuer.class);

    @Inject
    RunDispatcher dispatcher;

    @ConfigProperty(name = "lenetlab.runs.max-attempts")
    int maxAttempts;

    /** Call within the transaction that holds the run's lock. */
    public void requeueOrFail(Run run, String reason) {
        if (run.attempt >= maxAttempts) {
            LOG.warnf("run %s failed after %d attempts: %s", run.id, run.attempt, reason);
            run.finish(RunStatus.FAILED, reason + " (after " + run.attempt + " attempts)");
            return;
        }
        LOG.infof("run %s re-queued as attempt %d: %s", run.id, run.attempt + 1, reason);
        if (run.workerId != null) {
            // a worker cut off by the network trains on; when it is back, it drops the attempt it lost
            dispatcher.stopDuplicate(run, run.workerId);
        }
        run.requeue();
        dispatcher.requestTraining(run);
    }
}
