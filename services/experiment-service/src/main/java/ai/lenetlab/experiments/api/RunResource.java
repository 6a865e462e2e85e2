package ai.lenetlab.experiments.api;

import static ai.lenetlab.experiments.api.QueryValues.parse;

import ai.lenetlab.contracts.PlainText;
import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.experiments.security.Roles;
import ai.lenetlab.experiments.service.Refusal;
import ai.lenetlab.experiments.service.RunService;
import ai.lenetlab.experiments.service.TrainedModels;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
@RolesAllowed({Roles.VIEWER, Roles.RESEARCHER, Roles.ADMIN})
public class RunResource {

    public static final int MAX_PAGE = 500;

    @Inject
    RunService runs;

    @Inject
    TrainedModels models;

    @Inject
    SecurityIdentity identity;

    static final String DJL = "djl";
    static final String SAFETENSORS = "safetensors";

    /** The header that carries how many runs match the filter, over all pages. */
    public static final String TOTAL_COUNT = "X-Total-Count";

    @GET
    @Operation(
            summary = "Runs, newest first",
            description = "Filter by status, experiment and text (q: part of "
                    + "the experiment name, preset or worker, any case); sort by createdAt, experiment, status, preset, "
                    + "worker, device or startedAt (-name: descending; default -createdAt); page with page (from 0) and "
                    + "size (1–500). The X-Total-Count header says how many runs match.")
    public RestResponse<List<RunSummary>> list(
            @RestQuery("status") String statusValue,
            @RestQuery("experiment") String experimentValue,
            @RestQuery String q,
            @RestQuery @DefaultValue("-createdAt") String sort,
            @RestQuery("page") @DefaultValue("0") String pageValue,
            @RestQuery("size") @DefaultValue("100") String sizeValue) {
        // taken as text and read here: a value that does not parse is the caller's mistake (400), where
        // JAX-RS would answer 404
        RunStatus status = statusValue == null
                ? null
                : parse("status", statusValue, RunStatus::valueOf, "one of " + Arrays.toString(RunStatus.values()));
        UUID experiment = experimentValue == null
                ? null
                : parse("experiment", experimentValue, UUID::fromString, "an experiment id (UUID)");
        if (q != null && PlainText.hasHiddenCharacters(q, false)) {
            // no name holds such characters, and PostgreSQL refuses a NUL outright
            throw new Refusal(
                    Refusal.Kind.INVALID,
                    "q " + PlainText.HIDDEN_CHARACTERS,
                    List.of(new ApiProblem.Violation("q", PlainText.HIDDEN_CHARACTERS)));
        }
        int page = parse("page", pageValue, Integer::parseInt, "a whole number");
        int size = parse("size", sizeValue, Integer::parseInt, "a whole number");
        if (page < 0 || size < 1 || size > MAX_PAGE || (long) page * size > Integer.MAX_VALUE) {
            throw new Refusal(
                    Refusal.Kind.INVALID,
                    "page must be >= 0, size 1–" + MAX_PAGE + ", and page × size at most " + Integer.MAX_VALUE);
        }
        RunService.RunPage found = runs.list(new RunService.RunFilter(status, experiment, q), sort, page, size);
        return RestResponse.ResponseBuilder.ok(found.runs())
                .header(TOTAL_COUNT, found.total())
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One run: status, config, live progress, epochs, final and best metrics, results")
    public RunDetails get(@RestPath UUID id) {
        return runs.details(id);
    }

    @GET
    @Path("/{id}/predictions")
    @Operation(summary = "Sampled test images with true and predicted labels (pixels: 28×28 bytes, base64)")
    public List<PredictionSample> predictions(@RestPath UUID id) {
        return runs.predictions(id);
    }

    @GET
    @Path("/{id}/model")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(
            summary = "Download the trained parameters",
            description = "format=djl (default): DJL's parameter file, loaded with the run's config; "
                    + "format=safetensors: the weights with the names and shapes of PyTorch's nn.Sequential of "
                    + "the same layers, for net.load_state_dict(safetensors.torch.load_file(f)).")
    public Response model(@RestPath UUID id, @RestQuery @DefaultValue(DJL) String format) {
        TrainedModels.Download model = switch (format) {
            case DJL -> models.djl(id);
            case SAFETENSORS -> models.safetensors(id);
            default ->
                throw new Refusal(
                        Refusal.Kind.INVALID,
                        "format must be " + DJL + " or " + SAFETENSORS,
                        List.of(new ApiProblem.Violation("format", "not " + DJL + " or " + SAFETENSORS)));
        };
        return Response.ok(model.data())
                .header("Content-Disposition", "attachment; filename=\"" + model.fileName() + "\"")
                .header("Digest", "sha-256=" + model.sha256())
                .build();
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.RESEARCHER, Roles.ADMIN})
    @Operation(
            summary = "Cancel a queued or running run",
            description = "Researchers: their own runs only; " + "admins: any. 409 if it already ended.")
    public RunDetails cancel(@RestPath UUID id) {
        return runs.cancel(id, identity);
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed({Roles.RESEARCHER, Roles.ADMIN})
    @Operation(
            summary = "Train a completed, failed or cancelled run again, as a new attempt",
            description = "Researchers: " + "their own runs only; admins: any.")
    public RunDetails retry(@RestPath UUID id) {
        return runs.retry(id, identity);
    }
}
