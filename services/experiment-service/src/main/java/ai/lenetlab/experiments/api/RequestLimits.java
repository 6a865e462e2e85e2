package ai.lenetlab.experiments.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The API's limits on a request's head, answered with problem+json like every other refusal: an
 * over-long request target (414), too much in the headers (431). The HTTP server's own limits
 * (quarkus.http.limits.*) are set higher and still stop what gets past these. Bodies over their limit
 * are refused before this filter runs ({@link DeclaredBodyLimits}).
 */
public class RequestLimits {

    @ConfigProperty(name = "lenetlab.api.max-target-chars", defaultValue = "4096")
    int maxTargetChars;

    @ConfigProperty(name = "lenetlab.api.max-header-bytes", defaultValue = "16384")
    int maxHeaderBytes;

    @ServerRequestFilter(preMatching = true)
    public Response refuseOversizedHeads(ContainerRequestContext request) {
        String target = request.getUriInfo().getRequestUri().getRawPath()
                + (request.getUriInfo().getRequestUri().getRawQuery() == null
                        ? ""
                        : "?" + request.getUriInfo().getRequestUri().getRawQuery());
        if (target.length() > maxTargetChars) {
            return Problems.problem(
                    414,
                    "the request's path and query are " + target.length() + " characters; at most " + maxTargetChars
                            + " are accepted",
                    null);
        }
        long headerBytes = 0;
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            for (String value : header.getValue()) {
                headerBytes += header.getKey().length() + value.length() + 4; // "name: value\r\n"
            }
        }
        if (headerBytes > maxHeaderBytes) {
            return Problems.problem(
                    431,
                    "the request's headers are " + headerBytes + " bytes; at most " + maxHeaderBytes + " are accepted",
                    null);
        }
        return null;
    }
}
