package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.experiments.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/presets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "presets")
@RolesAllowed({Roles.VIEWER, Roles.RESEARCHER, Roles.ADMIN})
public class PresetResource {

    @GET
    @Operation(
            summary = "The presets: d2l, model-1 … model-4 of the report, lenet-modern, lenet-fast; with full configs")
    public List<Preset> list() {
        return Presets.all();
    }
}
