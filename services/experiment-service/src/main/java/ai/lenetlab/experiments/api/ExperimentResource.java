package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.ExperimentView;
import ai.lenetlab.experiments.security.Roles;
import ai.lenetlab.experiments.service.ExperimentService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "experiments")
@RolesAllowed({Roles.VIEWER, Roles.RESEARCHER, Roles.ADMIN})
public class ExperimentResource {

    @Inject
    ExperimentService experiments;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed({Roles.RESEARCHER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Submit an experiment",
            description = "One run per (preset or config) × seed, each QUEUED "
                    + "and sent to the trainer workers. 400 (problem+json) names every invalid field.")
    @APIResponse(
            responseCode = "201",
            description = "Submitted: the experiment with its QUEUED runs",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ExperimentView.class)))
    public Response submit(ExperimentSubmission submission) {
        UUID id = experiments.submit(submission, identity).id;
        // a relative Location (RFC 9110): built from the Host header it would point wherever a caller says
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/api/experiments/" + id)
                .entity(experiments.get(id))
                .build();
    }

    @GET
    @Operation(summary = "All experiments, newest first, with their runs")
    public List<ExperimentView> list() {
        return experiments.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One experiment with its runs")
    public ExperimentView get(@RestPath UUID id) {
        return experiments.get(id);
    }
}
