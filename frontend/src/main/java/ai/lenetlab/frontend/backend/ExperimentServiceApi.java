package ai.lenetlab.frontend.backend;

import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.ExperimentView;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunSummary;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The experiment service's REST API, as the frontend calls it (base URL: quarkus.rest-client.experiment-service.url). */
@RegisterRestClient(configKey = "experiment-service")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface ExperimentServiceApi {

    @GET
    @Path("/presets")
    List<Preset> presets();

    @GET
    @Path("/runs")
    List<RunSummary> runs(@RestQuery int page, @RestQuery int size);

    @GET
    @Path("/runs/{id}")
    RunDetails run(@RestPath UUID id);

    @GET
    @Path("/runs/{id}/predictions")
    List<PredictionSample> predictions(@RestPath UUID id);

    @GET
    @Path("/runs/{id}/model")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    byte[] model(@RestPath UUID id);

    @POST
    @Path("/runs/{id}/cancel")
    RunDetails cancel(@RestPath UUID id);

    @POST
    @Path("/runs/{id}/retry")
    RunDetails retry(@RestPath UUID id);

    @GET
    @Path("/compare")
    CompareView compare(@RestQuery String runs);

    @POST
    @Path("/experiments")
    @Consumes(MediaType.APPLICATION_JSON)
    ExperimentView submit(ExperimentSubmission submission);

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    Multi<RunSummary> events();
}
