package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.Presets;
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
public class PresetResource {

    @GET
    @Operation(summary = "The presets: d2l, model-1 … model-4 of the report, lenet-modern; with full configs")
    public List<Preset> list() {
        return Presets.all();
    }
}
