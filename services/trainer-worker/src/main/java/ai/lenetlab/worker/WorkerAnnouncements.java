package ai.lenetlab.worker;

import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.WorkerEvent;
import ai.lenetlab.training.train.DeviceSelector;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Tells the service about this worker on the events topic ({@link WorkerEvent}): once it is warmed
 * up, at each change of what it does, every heartbeat interval while it lives (so that the service
 * sees an idle worker, and one that went silent as lost), and when it shuts down.
 */
@ApplicationScoped
class WorkerAnnouncements {

    private static final Logger LOG = Logger.getLogger(WorkerAnnouncements.class);

    @Inject
    WorkerConfig config;

    @Inject
    EventPublisher events;

    @Inject
    @Readiness // its qualifier as a health check
    WarmUp warmUp;

    private final Instant startedAt = Instant.now();
    private final WorkerStatus status = new WorkerStatus();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("worker-heartbeat").daemon().unstarted(r));
    /** Null until the worker is warmed up: nothing is announced before it can take a run. */
    private volatile WorkerEvent.Identity identity;

    void start(@Observes StartupEvent event) {
        warmUp.finished().thenRun(this::ready);
    }

    private void ready() {
        if (heartbeat.isShutdown()) {
            return; // stopped while warming up: it never took a run, so it has nothing to announce
        }
        identity = new WorkerEvent.Identity(config.id(), host(), device(), config.trainingThreads(), startedAt);
        LOG.infof(
                "announcing worker %s (%s, %s, %d threads) every %s",
                identity.workerId(),
                identity.host(),
                identity.device(),
                identity.threads(),
                config.heartbeatInterval());
        long every = config.heartbeatInterval().toMillis();
        heartbeat.scheduleAtFixedRate(this::announce, 0, every, TimeUnit.MILLISECONDS);
    }

    void training(UUID runId) {
        announceIf(status.training(runId));
    }

    /** Cheap unless the epoch changed: called for every batch. */
    void epoch(UUID runId, int epoch, int epochs) {
        announceIf(status.epoch(runId, epoch, epochs));
    }

    void runFinished() {
        announceIf(status.runFinished());
    }

    void draining() {
        announceIf(status.draining());
    }

    /** The last word of a worker that shuts down, once its run is handed back: sent and waited for (briefly). */
    void gone() {
        heartbeat.shutdownNow();
        WorkerEvent.Identity worker = identity;
        if (status.gone() && worker != null) {
            try {
                publish(worker).get(5, TimeUnit.SECONDS);
            } catch (Exception e) { // the service will call it lost after its heartbeat timeout
                LOG.warnf("the worker's last announcement was not sent: %s", e.toString());
            }
        }
    }

    private void announceIf(boolean changed) {
        if (changed) {
            announce();
        }
    }

    private void announce() {
        WorkerEvent.Identity worker = identity;
        if (worker != null) {
            publish(worker);
        }
    }

    /** One at a time, so that they reach the broker in the order of the changes they report. */
    private synchronized CompletableFuture<Void> publish(WorkerEvent.Identity worker) {
        return events.publish(status.announcement(worker));
    }

    /** {@code cpu} or {@code gpu}: what training will use ({@code LENETLAB_DEVICE}), as configured if DJL refuses it. */
    private static String device() {
        try {
            return DeviceSelector.select().getDeviceType();
        } catch (RuntimeException e) {
            String wanted = System.getProperty("lenetlab.device", System.getenv("LENETLAB_DEVICE"));
            return wanted != null && wanted.trim().toLowerCase(Locale.ROOT).equals("gpu") ? "gpu" : "cpu";
        }
    }

    private static String host() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown";
            }
        }
        return host.length() > MessageCodec.MAX_NAME_CHARS ? host.substring(0, MessageCodec.MAX_NAME_CHARS) : host;
    }
}
