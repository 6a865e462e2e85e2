package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.WorkerOverview;
import ai.lenetlab.experiments.security.Roles;
import ai.lenetlab.experiments.service.WorkerRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/workers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "workers")
@RolesAllowed({Roles.VIEWER, Roles.RESEARCHER, Roles.ADMIN})
public class WorkerResource {

    @Inject
    WorkerRegistry registry;

    @GET
    @Operation(
            summary = "The trainer workers and the runs waiting for one",
            description = "Each worker the lab has heard from: host, device (cpu or gpu), intra-op threads, state"
                    + " (idle, training with runId and epoch, draining, or lost: silent for the heartbeat timeout),"
                    + " last heartbeat, runs done, utilisation (fraction of the last hour spent training). A worker"
                    + " that shut down cleanly is not listed; a lost one for an hour. runsWaiting: QUEUED runs per"
                    + " device class they ask for (any).")
    public WorkerOverview list() {
        return registry.list();
    }
}
