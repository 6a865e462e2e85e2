package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.experiments.messaging.RunUpdates;
import ai.lenetlab.experiments.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/events")
@Tag(name = "events")
@RolesAllowed({Roles.VIEWER, Roles.RESEARCHER, Roles.ADMIN})
public class EventStreamResource {

    @Inject
    RunUpdates updates;

    @Inject
    SecurityIdentity caller;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Server-sent events: a RunSummary whenever a run changes (status, progress, epoch)",
            description = "The stream ends within seconds of its user being disabled or deleted.")
    public Multi<RunSummary> stream() {
        return updates.stream(caller.getPrincipal().getName());
    }
}
