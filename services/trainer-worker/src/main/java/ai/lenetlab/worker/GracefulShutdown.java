package ai.lenetlab.worker;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * On shutdown a run in progress stops at its next batch and is reported RELEASED, so that the
 * service re-queues it at once (instead of after the heartbeat timeout), and a request taken but
 * not started goes back to the share group for another worker: no run is lost.
 */
@ApplicationScoped
class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    @Inject
    ActiveRuns runs;

    @Inject
    WorkerConfig config;

    @Inject
    RunRequestConsumer requests;

    @Inject
    WorkerAnnouncements announcements;

    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        runs.shutDown();
        announcements.draining();
        requests.stopTaking(); // a request polled before this is released by RunRequestConsumer
        long deadline = System.nanoTime() + config.releaseTimeout().toNanos();
        while (!runs.isIdle() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!runs.isIdle()) {
            LOG.warn("a run was still active at shutdown; the service will re-queue it after its heartbeat timeout");
        }
        requests.stop();
        announcements.gone();
    }
}
