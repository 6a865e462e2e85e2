package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.experiments.security.Roles;
import ai.lenetlab.experiments.service.CompareService;
import ai.lenetlab.experiments.service.Refusal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/compare")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "compare")
@RolesAllowed({Roles.VIEWER, Roles.RESEARCHER, Roles.ADMIN})
public class CompareResource {

    @Inject
    CompareService compare;

    @GET
    @Operation(
            summary = "Compare runs: ?runs=id1,id2,…",
            description = "Configs with differing fields marked, "
                    + "per-epoch series aligned, final and best metrics, seed groups with mean ± std per epoch.")
    public CompareView compare(@RestQuery String runs) {
        if (runs == null || runs.isBlank()) {
            throw new Refusal(Refusal.Kind.INVALID, "name the runs: ?runs=id1,id2,…");
        }
        List<UUID> ids;
        try {
            ids = Arrays.stream(runs.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(UUID::fromString)
                    .toList();
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.INVALID, "runs must be run ids separated by commas");
        }
        return compare.compare(ids);
    }
}
