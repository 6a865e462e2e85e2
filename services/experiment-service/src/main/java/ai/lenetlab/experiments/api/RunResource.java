package ai.lenetlab.experiments.api;

import static ai.lenetlab.experiments.api.QueryValues.parse;

import ai.lenetlab.contracts.PlainText;
import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.Predictions;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.experiments.security.Roles;
import ai.lenetlab.experiments.service.Refusal;
import ai.lenetlab.experiments.service.RunService;
import ai.lenetlab.experiments.service.TestImages;
import ai.lenetlab.experiments.service.TrainedModels;
import ai.lenetlab.training.predict.BadImageException;
import ai.lenetlab.training.predict.ImageInput;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

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
    TestImages testImages;

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
            @RestQuery("status") @Parameter(schema = @Schema(implementation = RunStatus.class)) String statusValue,
            @RestQuery("experiment") @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                    String experimentValue,
            @RestQuery String q,
            @RestQuery
                    @DefaultValue("-createdAt")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            pattern =
                                                    "^-?(createdAt|experiment|status|preset|worker|device|startedAt)$",
                                            defaultValue = "-createdAt"))
                    String sort,
            @RestQuery("page")
                    @DefaultValue("0")
                    @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
                    String pageValue,
            @RestQuery("size")
                    @DefaultValue("100")
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "" + MAX_PAGE,
                                            defaultValue = "100"))
                    String sizeValue) {
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
    public Response model(
            @RestPath UUID id,
            @RestQuery
                    @DefaultValue(DJL)
                    @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {DJL, SAFETENSORS},
                                            defaultValue = DJL))
                    String format) {
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
    @Path("/{id}/predict")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "The model's class probabilities for uploaded pictures",
            description = "Multipart field image (repeatable, 1–" + TrainedModels.MAX_IMAGES + "): PNG or JPEG of"
                    + " any size and colour, turned into 28×28 grey as Fashion-MNIST is (light object on dark;"
                    + " invert=true for a dark object on a light background). Each prediction has the ten"
                    + " probabilities in class order, the label and the 28×28 image the model saw.")
    public RestResponse<Predictions> predictUploads(
            @RestPath UUID id, @RestForm("image") List<FileUpload> images, @RestForm("invert") String invert) {
        boolean inverted = parse("invert", invert == null ? "false" : invert, RunResource::bool, "true or false");
        if (images == null || images.isEmpty() || images.size() > TrainedModels.MAX_IMAGES) {
            throw new Refusal(
                    Refusal.Kind.INVALID, "send 1–" + TrainedModels.MAX_IMAGES + " pictures in multipart field image");
        }
        long started = System.nanoTime();
        List<byte[]> seen = new ArrayList<>();
        for (FileUpload upload : images) {
            String type =
                    upload.contentType() == null ? "" : upload.contentType().toLowerCase(Locale.ROOT);
            if (!UPLOAD_TYPES.contains(type.split(";")[0].strip())) {
                throw new Refusal(
                        Refusal.Kind.UNSUPPORTED_TYPE,
                        upload.fileName() + " is " + type
                                + "; PNG or JPEG pictures (image/png, image/jpeg) are accepted");
            }
            try {
                seen.add(ImageInput.fromEncoded(Files.readAllBytes(upload.uploadedFile()), inverted));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (BadImageException e) {
                throw refusal(upload.fileName(), e);
            }
        }
        return timed(models.predict(id, seen), started);
    }

    @POST
    @Path("/{id}/predict")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The model's class probabilities for images as numbers or test images by index",
            description = "images: each 784 grey values 0–255 (row-major, light on dark; invert turns them"
                    + " around); testImages: indexes into Fashion-MNIST's test set. 1–" + TrainedModels.MAX_IMAGES
                    + " in all.")
    public RestResponse<Predictions> predictNumbers(@RestPath UUID id, Predictions.Request request) {
        if (request == null) {
            throw new Refusal(Refusal.Kind.INVALID, "send images and/or testImages");
        }
        List<List<Double>> numbers = request.images() == null ? List.of() : request.images();
        List<Integer> indexes = request.testImages() == null ? List.of() : request.testImages();
        if (numbers.size() + indexes.size() == 0 || numbers.size() + indexes.size() > TrainedModels.MAX_IMAGES) {
            throw new Refusal(
                    Refusal.Kind.INVALID, "send 1–" + TrainedModels.MAX_IMAGES + " images and testImages in all");
        }
        long started = System.nanoTime();
        List<byte[]> seen = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            try {
                seen.add(ImageInput.fromPixels(numbers.get(i), request.invert()));
            } catch (BadImageException e) {
                throw refusal("images[" + i + "]", e);
            }
        }
        for (Integer index : indexes) {
            seen.add(testImages.image(index == null ? -1 : index));
        }
        return timed(models.predict(id, seen), started);
    }

    /** The service's own time in Server-Timing: what the prediction cost, apart from the network. */
    private static RestResponse<Predictions> timed(Predictions predictions, long started) {
        return RestResponse.ResponseBuilder.ok(predictions)
                .header(
                        "Server-Timing",
                        String.format(Locale.ROOT, "predict;dur=%.1f", (System.nanoTime() - started) / 1e6))
                .build();
    }

    private static final java.util.Set<String> UPLOAD_TYPES =
            java.util.Set.of("image/png", "image/jpeg", "application/octet-stream");

    private static Refusal refusal(String what, BadImageException e) {
        Refusal.Kind kind = switch (e.kind()) {
            case WRONG_TYPE -> Refusal.Kind.UNSUPPORTED_TYPE;
            case TOO_LARGE -> Refusal.Kind.TOO_LARGE;
            case UNREADABLE -> Refusal.Kind.INVALID;
        };
        return new Refusal(kind, what + ": " + e.getMessage(), List.of(new ApiProblem.Violation(what, e.getMessage())));
    }

    private static boolean bool(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "on", "1" -> true;
            case "false", "off", "0", "" -> false;
            default -> throw new IllegalArgumentException(value);
        };
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
