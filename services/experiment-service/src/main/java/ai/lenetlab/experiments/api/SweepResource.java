package ai.lenetlab.experiments.api;

import ai.lenetlab.experiments.security.Roles;
import ai.lenetlab.experiments.service.SweepService;
import ai.lenetlab.sweeps.SweepSpec;
import ai.lenetlab.sweeps.SweepView;
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

/** Sweeps: search a config space over the workers, stopping losers early. */
@Path("/api/sweeps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sweeps")
public class SweepResource {

    @Inject
    SweepService sweeps;

    @Inject
    SecurityIdentity caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESEARCHER, Roles.ADMIN})
    @Operation(
            summary = "Start a sweep",
            description = "A base (preset + overrides), a space (logUniform, uniform, intUniform or choice per"
                    + " field), method grid | random | tpe, trials, seedsPerTrial, seed, objective, earlyStopping"
                    + " (none | median | asha), maxConcurrent, priority, budget. 400 names each bad field by path; researchers'"
                    + " sweeps count by the quotas of experiments (400 budget.maxEpochs, 429) and may not take a"
                    + " priority above lenetlab.quota.max-priority (403).")
    @APIResponse(
            responseCode = "201",
            description = "Started: the sweep",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SweepView.class)))
    public Response create(SweepSpec spec) {
        SweepView created = sweeps.create(spec, caller);
        // a relative Location, as for experiments: never built from the caller's Host header
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/api/sweeps/" + created.id())
                .entity(created)
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESEARCHER, Roles.ADMIN})
    @Operation(
            summary = "All sweeps, newest first (without their trials)",
            description = "owner is named to the sweep's owner and to admins only, as runs name no owner.")
    public List<SweepView> list() {
        return sweeps.list(caller);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.VIEWER, Roles.RESEARCHER, Roles.ADMIN})
    @Operation(summary = "A sweep with its trials: values, runs, the objective's mean ± std over seeds")
    public SweepView get(@RestPath UUID id) {
        return sweeps.get(id, caller);
    }

    @POST
    @Path("{id}/pause")
    @RolesAllowed({Roles.RESEARCHER, Roles.ADMIN})
    @Operation(summary = "Start no new trials; running ones finish")
    public SweepView pause(@RestPath UUID id) {
        return sweeps.pause(id, caller);
    }

    @POST
    @Path("{id}/resume")
    @RolesAllowed({Roles.RESEARCHER, Roles.ADMIN})
    @Operation(summary = "Go on proposing trials")
    public SweepView resume(@RestPath UUID id) {
        return sweeps.resume(id, caller);
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({Roles.RESEARCHER, Roles.ADMIN})
    @Operation(summary = "End the sweep and cancel its queued and running runs")
    public SweepView cancel(@RestPath UUID id) {
        return sweeps.cancel(id, caller);
    }
}
