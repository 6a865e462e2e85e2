package ai.lenetlab.frontend.backend;

import ai.lenetlab.contracts.api.RunSummary;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The experiment service's server-sent events, fanned out to open browser tabs: one subscription
 * per signed-in user (the stream needs their credentials), shared by all their tabs, dropped when
 * the last one closes. Reconnects by itself when the service restarts; listeners hear whether
 * their feed is live so pages can say when updates are paused.
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
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    public RunEventFeed(@RestClient ExperimentServiceApi api) {
        this.api = api;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        connections.values().forEach(Connection::close);
    }

    /**
     * Adds a listener to the feed of the user with this {@code Authorization} header; the returned
     * handle removes it (call it when the page detaches).
     */
    public Runnable subscribe(String authorization, Listener listener) {
        String key = keyOf(authorization);
        Connection connection;
        synchronized (connections) {
            connection = connections.computeIfAbsent(key, Connection::new);
            connection.listeners.add(listener);
        }
        connection.open();
        return () -> {
            synchronized (connections) {
                connection.listeners.remove(listener);
                if (connection.listeners.isEmpty()) {
                    connections.remove(key);
                    connection.close();
                }
            }
        };
    }

    public boolean isLive(String authorization) {
        Connection connection = connections.get(keyOf(authorization));
        return connection != null && connection.live;
    }

    /** Hands a run change to every open page (all signed-in users may see every run). */
    public void publish(RunSummary run) {
        connections.values().forEach(c -> c.deliver(run));
    }

    private final class Connection {
        final String authorization;
        final List<Listener> listeners = new CopyOnWriteArrayList<>();
        volatile boolean live;
        volatile boolean open;
        volatile boolean closed;
        volatile Cancellable subscription;

        Connection(String authorization) {
            this.authorization = authorization;
        }

        synchronized void open() {
            if (!open) {
                open = true;
                connect();
            }
        }

        void connect() {
            if (stopped || closed) {
                return;
            }
            subscription = api.events(authorization.isEmpty() ? null : authorization)
                    .onSubscription().invoke(() -> setLive(true))
                    .subscribe().with(this::deliver, failure -> reconnect("failed: " + failure.getMessage()),
                            () -> reconnect("ended"));
        }

        void reconnect(String why) {
            setLive(false);
            if (!stopped && !closed) {
                LOG.debugf("run event stream %s; reconnecting in %s", why, RECONNECT_DELAY);
                Uni.createFrom().voidItem().onItem().delayIt().by(RECONNECT_DELAY).subscribe().with(ignored -> connect());
            }
        }

        void close() {
            closed = true;
            Cancellable current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        void deliver(RunSummary run) {
            setLive(true);
            listeners.forEach(l -> safely(() -> l.runChanged(run)));
        }

        void setLive(boolean now) {
            if (live != now) {
                live = now;
                LOG.debugf("run event stream %s", now ? "connected" : "disconnected");
                listeners.forEach(l -> safely(() -> l.connectionChanged(now)));
            }
        }
    }

    /** Connections are per Authorization header; "" when there is none (browserless tests). */
    private static String keyOf(String authorization) {
        return authorization == null ? "" : authorization;
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // one broken page must not stop the others' updates
            LOG.debug("a run event listener failed", e);
        }
    }
}
