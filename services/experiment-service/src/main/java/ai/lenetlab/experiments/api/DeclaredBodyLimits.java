package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.ApiProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a body over its limit by its declared length, before anything reads it: 413 with
 * problem+json. A route of its own, ahead of the HTTP server's check of
 * {@code quarkus.http.limits.max-body-size} (a route of order -2 that answers a bare 413), so that a
 * body past both limits gets the same answer as one past ours alone.
 */
@ApplicationScoped
class DeclaredBodyLimits {

    /** Before Quarkus's own check (order -2). */
    private static final int ORDER = -3;

    @ConfigProperty(name = "lenetlab.api.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    /** Pictures to predict on: the one route with larger bodies. */
    @ConfigProperty(name = "lenetlab.api.max-upload-bytes", defaultValue = "16777216")
    long maxUploadBytes;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        long declared = declaredLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        long limit = PictureUploads.route(
                        context.request().method().name(), context.request().path())
                ? maxUploadBytes
                : maxBodyBytes;
        if (declared <= limit) {
            context.next();
            return;
        }
        ApiProblem problem = Problems.of(
                413, "the request body is " + declared + " bytes; at most " + limit + " are accepted", null);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // the body is never read: the connection closes after the answer
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, ApiProblem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    /** -1 without a length or with one that is no number (the server refuses those itself). */
    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
