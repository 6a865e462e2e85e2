package ai.lenetlab.frontend.backend;

import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.ExperimentView;
import ai.lenetlab.contracts.api.Predictions;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunDifference;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.contracts.api.WorkerOverview;
import ai.lenetlab.sweeps.SweepSpec;
import ai.lenetlab.sweeps.SweepView;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The experiment service's REST API, as the frontend calls it (base URL:
 * quarkus.rest-client.experiment-service.url). Every call carries the signed-in user's credentials.
 */
@RegisterRestClient(configKey = "experiment-service")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface ExperimentServiceApi {

    String AUTHORIZATION = "Authorization";

    @GET
    @Path("/me")
    SignedInUser me(@HeaderParam(AUTHORIZATION) String authorization);

    @GET
    @Path("/presets")
    List<Preset> presets(@HeaderParam(AUTHORIZATION) String authorization);

    @GET
    @Path("/runs")
    List<RunSummary> runs(@HeaderParam(AUTHORIZATION) String authorization, @RestQuery int page, @RestQuery int size);

    /** The same list, filtered and sorted; the X-Total-Count header says how many match. */
    @GET
    @Path("/runs")
    RestResponse<List<RunSummary>> runPage(
            @HeaderParam(AUTHORIZATION) String authorization,
            @RestQuery String q,
            @RestQuery RunStatus status,
            @RestQuery String sort,
            @RestQuery int page,
            @RestQuery int size);

    @GET
    @Path("/runs/{id}")
    RunDetails run(@HeaderParam(AUTHORIZATION) String authorization, @RestPath UUID id);

    @GET
    @Path("/runs/{id}/predictions")
    List<PredictionSample> predictions(@HeaderParam(AUTHORIZATION) String authorization, @RestPath UUID id);

    @GET
    @Path("/runs/{id}/model")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    byte[] model(@HeaderParam(AUTHORIZATION) String authorization, @RestPath UUID id);

    @POST
    @Path("/runs/{id}/predict")
    @Consumes(MediaType.APPLICATION_JSON)
    Predictions predict(
            @HeaderParam(AUTHORIZATION) String authorization, @RestPath UUID id, Predictions.Request request);

    @POST
    @Path("/runs/{id}/cancel")
    RunDetails cancel(@HeaderParam(AUTHORIZATION) String authorization, @RestPath UUID id);

    @POST
    @Path("/runs/{id}/retry")
    RunDetails retry(@HeaderParam(AUTHORIZATION) String authorization, @RestPath UUID id);

    @GET
    @Path("/compare")
    CompareView compare(
            @HeaderParam(AUTHORIZATION) String authorization,
            @RestQuery String runs,
            @RestQuery String experiment,
            @RestQuery String baseline);

    @GET
    @Path("/sweeps")
    List<SweepView> sweeps(@HeaderParam(AUTHORIZATION) String authorization);

    @GET
    @Path("/sweeps/{id}")
    SweepView sweep(@HeaderParam(AUTHORIZATION) String authorization, @RestPath UUID id);

    @POST
    @Path("/sweeps")
    @Consumes(MediaType.APPLICATION_JSON)
    SweepView createSweep(@HeaderParam(AUTHORIZATION) String authorization, SweepSpec spec);

    /** {@code action}: pause, resume or cancel. */
    @POST
    @Path("/sweeps/{id}/{action}")
    SweepView sweepAction(@HeaderParam(AUTHORIZATION) String authorization, @RestPath UUID id, @RestPath String action);

    @GET
    @Path("/workers")
    WorkerOverview workers(@HeaderParam(AUTHORIZATION) String authorization);

    @GET
    @Path("/compare/difference")
    RunDifference difference(
            @HeaderParam(AUTHORIZATION) String authorization,
            @RestQuery UUID a,
            @RestQuery UUID b,
            @RestQuery int limit);

    @GET
    @Path("/compare.csv")
    @Produces("text/csv")
    String compareEpochsCsv(
            @HeaderParam(AUTHORIZATION) String authorization, @RestQuery String runs, @RestQuery String experiment);

    @GET
    @Path("/compare/summary.csv")
    @Produces("text/csv")
    String compareSummaryCsv(
            @HeaderParam(AUTHORIZATION) String authorization, @RestQuery String runs, @RestQuery String experiment);

    @GET
    @Path("/compare.md")
    @Produces("text/markdown")
    String compareMarkdown(
            @HeaderParam(AUTHORIZATION) String authorization, @RestQuery String runs, @RestQuery String experiment);

    @GET
    @Path("/compare.tex")
    @Produces("application/x-latex")
    String compareLatex(
            @HeaderParam(AUTHORIZATION) String authorization, @RestQuery String runs, @RestQuery String experiment);

    @POST
    @Path("/experiments")
    @Consumes(MediaType.APPLICATION_JSON)
    ExperimentView submit(@HeaderParam(AUTHORIZATION) String authorization, ExperimentSubmission submission);

    /**
     * The run changes as the events' JSON text, read by {@link RunEventFeed}: typed events would depend
     * on RESTEasy's own X-SSE-Content-Type header, which a proxy or another server may not send (then
     * every event failed outside the stream's error path and the feed went silent while "live").
     */
    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    Multi<String> events(@HeaderParam(AUTHORIZATION) String authorization);
}
