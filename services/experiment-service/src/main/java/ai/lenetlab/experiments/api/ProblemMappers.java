package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.StrictJson;
import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.experiments.domain.RunTransition;
import ai.lenetlab.experiments.messaging.MessagingUnavailableException;
import ai.lenetlab.experiments.security.SignInBusyException;
import ai.lenetlab.experiments.security.SignInThrottledException;
import ai.lenetlab.experiments.service.DatabaseFailures;
import ai.lenetlab.experiments.service.Refusal;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into {@code application/problem+json}; nothing else reaches a client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    AllowedMethods allowedMethods;

    @ServerExceptionMapper
    public Response refused(Refusal e) {
        return Problems.problem(e.kind().status(), e.getMessage(), e.violations());
    }

    /** More specific than Quarkus' own mappers for these, so that every 400 has the same shape. */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        if (endsEarly(e)) { // cut off inside a list or object: a broken file, not a wrong type
            JsonLocation at = e.getLocation();
            return Problems.problem(
                    Response.Status.BAD_REQUEST,
                    "the request body is not valid JSON: it ends early"
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
                    null);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            String message = e instanceof UnrecognizedPropertyException
                    ? "is not a known field"
                    : e instanceof InvalidNullException
                            ? "cannot be null: leave the field out to keep its value"
                            : "has the wrong type or value: expected " + StrictJson.expected(targetType(e));
            return Problems.problem(
                    Response.Status.BAD_REQUEST,
                    "the request body does not fit the API",
                    List.of(new ApiProblem.Violation(field, message)));
        }
        if (e instanceof JsonMappingException) {
            return Problems.problem(Response.Status.BAD_REQUEST, "the request body must be a JSON object", null);
        }
        // Jackson's own words name Java types; where the JSON breaks is what helps
        JsonLocation at = e.getLocation();
        return Problems.problem(
                Response.Status.BAD_REQUEST,
                "the request body is not valid JSON"
                        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"),
                null);
    }

    /** Jackson wraps the end of the input inside a list or object in a mapping error of the field it was reading. */
    private static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> targetType(JsonProcessingException e) {
        return e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
    }

    /** Sign-in failures keep the challenge, so that clients know to send credentials, and get a body like any error. */
    @ServerExceptionMapper
    public Response signInFailed(AuthenticationFailedException e, HttpServerResponse http) {
        if (e.getCause() instanceof SignInBusyException busy) {
            return Response.fromResponse(Problems.problem(Response.Status.SERVICE_UNAVAILABLE, busy.getMessage(), null))
                    .header(HttpHeaders.RETRY_AFTER, 1)
                    .build();
        }
        if (e.getCause() instanceof SignInThrottledException throttled) {
            return Response.fromResponse(
                            Problems.problem(Response.Status.TOO_MANY_REQUESTS, throttled.getMessage(), null))
                    .header(HttpHeaders.RETRY_AFTER, throttled.retryAfterSeconds())
                    .build();
        }
        return challenge(http, Problems.problem(Response.Status.UNAUTHORIZED, "wrong user name or password", null));
    }

    @ServerExceptionMapper
    public Response notSignedIn(UnauthorizedException e, HttpServerResponse http) {
        return challenge(
                http,
                Problems.problem(Response.Status.UNAUTHORIZED, "sign in first (HTTP basic authentication)", null));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.problem(Response.Status.FORBIDDEN, "your role does not allow this", null);
    }

    /**
     * One challenge: Quarkus has written its bare {@code basic} on the response already when a sign-in
     * failed; this one, with the realm, replaces it.
     */
    private static Response challenge(HttpServerResponse http, Response response) {
        http.headers().remove(HttpHeaders.WWW_AUTHENTICATE);
        return Response.fromResponse(response)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"LeNet Lab\"")
                .build();
    }

    /** A change the run's status does not allow (a race with a worker's event, say): the run is unchanged. */
    @ServerExceptionMapper
    public Response notAllowed(RunTransition.NotAllowed e) {
        return Problems.problem(Response.Status.CONFLICT, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response messaging(MessagingUnavailableException e) {
        LOG.warn("Kafka unavailable", e);
        return Problems.problem(
                Response.Status.SERVICE_UNAVAILABLE,
                "the message broker is unavailable; nothing was stored, try again",
                null);
    }

    /** A 405 names the methods the route takes (the router's own answer does not). */
    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, UriInfo uri) {
        Response problem = Problems.problem(Response.Status.METHOD_NOT_ALLOWED, e.getMessage(), null);
        String allow = allowedMethods.allow(uri.getPath());
        return allow == null
                ? problem
                : Response.fromResponse(problem)
                        .header(HttpHeaders.ALLOW, allow)
                        .build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return Problems.problem(status == null ? Response.Status.BAD_REQUEST : status, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (DatabaseFailures.isTransient(e)) {
            LOG.warnf("request failed, PostgreSQL is not reachable: %s", DatabaseFailures.describe(e));
            return Problems.problem(
                    Response.Status.SERVICE_UNAVAILABLE,
                    "the database is not reachable right now; nothing was changed, try again shortly",
                    null);
        }
        LOG.error("unexpected failure", e);
        return Problems.problem(Response.Status.INTERNAL_SERVER_ERROR, "unexpected failure; see the service log", null);
    }
}
