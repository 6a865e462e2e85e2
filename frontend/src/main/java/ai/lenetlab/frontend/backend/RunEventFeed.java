package ai.lenetlab.frontend.backend;

import ai.lenetlab.contracts.api.RunSummary;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The experiment service's server-sent events, fanned out to open browser tabs: one subscription
 * per signed-in user (the stream needs their credentials), shared by all their tabs, dropped when
 * the last one closes. Reconnects by itself when the service restarts; listeners hear whether
 * their feed is live so pages can say when updates are paused. When the service no longer takes the
 * user's credentials (it ends a disabled user's streams, and the reconnect is answered 401), the feed
 * stops for good and its listeners hear that the user is signed out.
 */
@ApplicationScoped
public class RunEventFeed {

    private static final Logger LOG = Logger.getLogger(RunEventFeed.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);
    /**
     * Server-sent events give no "opened" signal: a stream still up this long after subscribing is
     * taken as connected (a refused or failing connection ends within milliseconds).
     */
    private static final Duration CONNECTED_AFTER = Duration.ofMillis(750);

    /** Hears run changes and whether the feed is connected; called on the feed's thread. */
    public interface Listener {
        default void runChanged(RunSummary run) {}

        default void connectionChanged(boolean live) {}

        /** The service refused the user's credentials: their pages should sign them out. */
        default void signedOut() {}
    }

    private final ExperimentServiceApi api;
    private final ObjectMapper json;
    private final Duration connectedAfter;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    @Inject
    public RunEventFeed(@RestClient ExperimentServiceApi api, ObjectMapper json) {
        this(api, json, CONNECTED_AFTER);
    }

    /** {@code connectedAfter} zero: connected as soon as subscribed (browserless tests). */
    public RunEventFeed(ExperimentServiceApi api, ObjectMapper json, Duration connectedAfter) {
        this.api = api;
        this.json = json;
        this.connectedAfter = connectedAfter;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        connections.values().forEach(Connection::close);
    }

    /**
     * Adds a listener to the feed of the user with this {@code Authorization} header and tells it at
     * once whether the feed is live (it may have been for a while: later changes are all it would
     * hear otherwise); the returned handle removes it (call it when the page detaches).
     */
    public Runnable subscribe(String authorization, Listener listener) {
        String key = keyOf(authorization);
        Connection connection;
        synchronized (connections) {
            connection = connections.computeIfAbsent(key, Connection::new);
            connection.listeners.add(listener);
        }
        connection.open();
        safely(() -> listener.connectionChanged(connection.live));
        return () -> {
            synchronized (connections) {
                connection.listeners.remove(listener);
                if (connection.listeners.isEmpty()) {
                    connections.remove(key, connection); // a feed that signed out may have a successor
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
        /** Counts subscriptions, so that a late "connected" mark of a failed one is ignored. */
        final AtomicLong attempts = new AtomicLong();

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
            long attempt = attempts.incrementAndGet();
            subscription = api.events(authorization.isEmpty() ? null : authorization)
                    .subscribe()
                    .with(
                            this::deliverText,
                            failure -> {
                                if (refusesCredentials(failure)) {
                                    signedOut();
                                } else {
                                    reconnect("failed: " + failure.getMessage());
                                }
                            },
                            () -> reconnect("ended"));
            if (connectedAfter.isZero()) {
                markConnected(attempt);
            } else {
                Uni.createFrom()
                        .voidItem()
                        .onItem()
                        .delayIt()
                        .by(connectedAfter)
                        .subscribe()
                        .with(ignored -> markConnected(attempt));
            }
        }

        void markConnected(long attempt) {
            if (attempts.get() == attempt && !closed) {
                setLive(true);
            }
        }

        void reconnect(String why) {
            attempts.incrementAndGet();
            setLive(false);
            if (!stopped && !closed) {
                LOG.debugf("run event stream %s; reconnecting in %s", why, RECONNECT_DELAY);
                Uni.createFrom()
                        .voidItem()
                        .onItem()
                        .delayIt()
                        .by(RECONNECT_DELAY)
                        .subscribe()
                        .with(ignored -> connect());
            }
        }

        /** No reconnecting with credentials the service refuses: the feed ends, and its pages are told. */
        void signedOut() {
            attempts.incrementAndGet();
            LOG.debugf("run event stream refused the credentials; the feed ends");
            synchronized (connections) {
                connections.remove(keyOf(authorization), this);
            }
            close();
            setLive(false);
            listeners.forEach(l -> safely(l::signedOut));
        }

        void close() {
            closed = true;
            Cancellable current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        /** One event's JSON; one that cannot be read is logged and skipped, the stream goes on. */
        void deliverText(String event) {
            RunSummary run;
            try {
                run = json.readValue(event, RunSummary.class);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("run event skipped, not a run: %s", e.getMessage());
                return;
            }
            deliver(run);
        }

        void deliver(RunSummary run) {
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

    private static boolean refusesCredentials(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebApplicationException refused
                    && refused.getResponse() != null
                    && refused.getResponse().getStatus() == 401) {
                return true;
            }
        }
        return false;
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
