package ai.lenetlab.frontend.backend;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An experiment service on loopback that answers what a test tells it to, over real HTTP: what the
 * frontend's REST client and event feed do with problem+json answers, dropped streams and
 * reconnects. Each answer is (status, content type, body); {@code /api/events} serves one event per
 * queued line and ends the stream when the queue hands it {@link #END}.
 */
public class StubService implements QuarkusTestResourceLifecycleManager {

    static final String END = "\u0000end";
    static volatile StubService current;

    record Answer(int status, String type, String body) {}

    private HttpServer server;
    final Map<String, Answer> answers = new java.util.concurrent.ConcurrentHashMap<>();
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Each request's path and query as received, e.g. "/api/compare?runs=a,b". */
    final List<String> targets = new CopyOnWriteArrayList<>();

    final java.util.concurrent.atomic.AtomicInteger streams = new java.util.concurrent.atomic.AtomicInteger();
    /** When set, what {@code /api/events} answers instead of a stream (a 401 for a disabled user, say). */
    volatile Answer eventsRefusal;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/api/events", this::stream);
        server.createContext("/", this::answer);
        server.start();
        current = this;
        return Map.of(
                "quarkus.rest-client.experiment-service.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        targets.add(exchange.getRequestURI().getPath()
                + (exchange.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + exchange.getRequestURI().getRawQuery()));
        Answer answer = answers.getOrDefault(
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                new Answer(404, "application/problem+json", "{\"status\":404,\"detail\":\"not stubbed\"}"));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.type());
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        streams.incrementAndGet();
        Answer refusal = eventsRefusal;
        if (refusal != null) {
            byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", refusal.type());
            exchange.sendResponseHeaders(refusal.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
            while (true) {
                String event = events.poll(30, TimeUnit.SECONDS);
                if (event == null || END.equals(event)) {
                    return; // the service went away: the stream ends
                }
                out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
