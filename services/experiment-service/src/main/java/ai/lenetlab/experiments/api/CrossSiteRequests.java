package ai.lenetlab.experiments.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses what a page on another site can make a browser send with the user's cached credentials
 * (CSRF): a change that a browser marks as coming from another origin ({@code Origin},
 * {@code Sec-Fetch-Site}) is refused; scripts send neither header and are unaffected. As a second
 * line, changes carry JSON or no body: form, multipart and text bodies are exactly the ones browsers
 * send cross-site without asking first (no CORS preflight), and the API reads none of them — but
 * pictures to predict on ({@link PictureUploads}), which change nothing.
 */
public class CrossSiteRequests {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> FORM_TYPES =
            Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

    @ServerRequestFilter(preMatching = true)
    public Response refuseCrossSiteChanges(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())
                || !request.getUriInfo().getPath().startsWith("/api/")) {
            return null;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        String origin = request.getHeaderString("Origin");
        if ("cross-site".equals(fetchSite) || (origin != null && !sameOrigin(origin, request))) {
            return Problems.problem(Response.Status.FORBIDDEN, "changes cannot be sent from another site's page", null);
        }
        MediaType type = request.getMediaType();
        boolean hasBody = request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
        String bodyType = type == null ? null : (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        if (hasBody
                && bodyType != null
                && FORM_TYPES.contains(bodyType)
                && !(bodyType.equals("multipart/form-data") && PictureUploads.route(request))) {
            return Problems.problem(Response.Status.UNSUPPORTED_MEDIA_TYPE, "send JSON (application/json)", null);
        }
        return null;
    }

    /** The Origin names the host and port this request was sent to. */
    private static boolean sameOrigin(String origin, ContainerRequestContext request) {
        String host = request.getUriInfo().getRequestUri().getRawAuthority();
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && uri.getHost() != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false; // "null" (a sandboxed page) and other unreadable origins
        }
    }
}
