package ai.lenetlab.experiments.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body whose declared length is over the API's limit with a problem+json 413 before reading
 * it. The HTTP server's own limit (quarkus.http.limits.max-body-size, set higher) still stops bodies
 * that declare no length, with a bare 413.
 */
public class BodySizeLimit {

    @ConfigProperty(name = "lenetlab.api.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    @ServerRequestFilter(preMatching = true)
    public Response refuseLargeBodies(ContainerRequestContext request) {
        if (request.getLength() > maxBodyBytes) {
            return ApiException.problem(Response.Status.REQUEST_ENTITY_TOO_LARGE, "the request body is "
                    + request.getLength() + " bytes; at most " + maxBodyBytes + " are accepted", null);
        }
        return null;
    }
}
