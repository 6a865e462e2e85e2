package ai.lenetlab.frontend.backend;

import ai.lenetlab.contracts.api.RunSummary;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * One subscription to the experiment service's server-sent events for the whole app, fanned out to
 * every open browser tab. Reconnects by itself when the service restarts; listeners hear whether the
 * feed is live so pages can say when updates are paused.
 */
@ApplicationScoped
public class RunEventFeed {

    private static final Logger LOG = Logger.getLogger(RunEventFeed.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

    /** Hears run changes and whether the feed is connected; called on the feed's thread. */
    public interface Listener {
        default void runChanged(RunSummary run) {
        }

        default void connectionChanged(boolean live) {
        }
    }

    private final ExperimentServiceApi api;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean live;
    private volatile boolean stopped;
    private volatile Cancellable subscription;

    public RunEventFeed(@RestClient ExperimentServiceApi api) {
        this.api = api;
    }

    void start(@Observes StartupEvent startup) {
        connect();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        Cancellable current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    /** Adds a listener; the returned handle removes it (call it when the page detaches). */
    public Runnable subscribe(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public boolean isLive() {
        return live;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        subscription = api.events()
                .onSubscription().invoke(() -> setLive(true))
                .subscribe().with(this::publish, failure -> reconnect("failed: " + failure.getMessage()),
                        () -> reconnect("ended"));
    }

    private void reconnect(String why) {
        setLive(false);
        if (!stopped) {
            LOG.debugf("run event stream %s; reconnecting in %s", why, RECONNECT_DELAY);
            Uni.createFrom().voidItem().onItem().delayIt().by(RECONNECT_DELAY)
                    .subscribe().with(ignored -> connect());
        }
    }

    /** Hands a run change to every open page. */
    public void publish(RunSummary run) {
        setLive(true);
        listeners.forEach(l -> notify(() -> l.runChanged(run)));
    }

    private void setLive(boolean now) {
        if (live != now) {
            live = now;
            LOG.infof("run event stream %s", now ? "connected" : "disconnected");
            listeners.forEach(l -> notify(() -> l.connectionChanged(now)));
        }
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // one broken page must not stop the others' updates
            LOG.debug("a run event listener failed", e);
        }
    }
}
