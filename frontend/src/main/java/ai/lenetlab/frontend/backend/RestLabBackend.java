package ai.lenetlab.frontend.backend;

import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.ExperimentView;
import ai.lenetlab.contracts.api.Predictions;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunDifference;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.contracts.api.WorkerOverview;
import ai.lenetlab.frontend.security.Credentials;
import ai.lenetlab.frontend.security.CurrentUser;
import ai.lenetlab.sweeps.SweepSpec;
import ai.lenetlab.sweeps.SweepView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

/** {@link LabBackend} over the experiment service's REST API; problem+json answers become {@link BackendException}s. */
@ApplicationScoped
public class RestLabBackend implements LabBackend {

    /** The API's largest page. */
    static final int PAGE_SIZE = 500;
    /** How many runs match a list query, over all its pages (the API's header). */
    static final String TOTAL_COUNT = "X-Total-Count";

    private final ExperimentServiceApi api;

    public RestLabBackend(@RestClient ExperimentServiceApi api) {
        this.api = api;
    }

    @Override
    public List<Preset> presets() {
        return call(() -> api.presets(auth()));
    }

    @Override
    public List<RunSummary> runs(int limit) {
        List<RunSummary> all = new ArrayList<>();
        for (int page = 0; all.size() < limit; page++) {
            int p = page;
            List<RunSummary> batch = call(() -> api.runs(auth(), p, PAGE_SIZE));
            all.addAll(batch);
            if (batch.size() < PAGE_SIZE) {
                break;
            }
        }
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    @Override
    public RunPage runs(RunQuery query) {
        RestResponse<List<RunSummary>> answer = call(() -> api.runPage(
                auth(), blankToNull(query.text()), query.status(), query.sort(), query.page(), query.size()));
        if (answer.getStatus() >= 400) {
            throw fromResponse(answer.toResponse());
        }
        String total = answer.getHeaderString(TOTAL_COUNT);
        List<RunSummary> runs = answer.getEntity();
        return new RunPage(runs, total == null ? runs.size() : Long.parseLong(total));
    }

    @Override
    public RunDetails run(UUID id) {
        return call(() -> api.run(auth(), id));
    }

    @Override
    public List<PredictionSample> predictions(UUID id) {
        return call(() -> api.predictions(auth(), id));
    }

    @Override
    public byte[] model(UUID id) {
        return call(() -> api.model(auth(), id));
    }

    @Override
    public Predictions predict(UUID id, Predictions.Request request) {
        return call(() -> api.predict(auth(), id, request));
    }

    @Override
    public RunDetails cancel(UUID id) {
        return call(() -> api.cancel(auth(), id));
    }

    @Override
    public RunDetails retry(UUID id) {
        return call(() -> api.retry(auth(), id));
    }

    @Override
    public CompareView compare(CompareQuery query) {
        return call(() -> api.compare(auth(), query.runsParameter(), query.experimentParameter(), query.baseline()));
    }

    @Override
    public List<SweepView> sweeps() {
        return call(() -> api.sweeps(auth()));
    }

    @Override
    public WorkerOverview workers() {
        return call(() -> api.workers(auth()));
    }

    @Override
    public SweepView sweep(UUID id) {
        return call(() -> api.sweep(auth(), id));
    }

    @Override
    public SweepView createSweep(SweepSpec spec) {
        return call(() -> api.createSweep(auth(), spec));
    }

    @Override
    public SweepView sweepAction(UUID id, SweepAction action) {
        return call(() -> api.sweepAction(auth(), id, action.path()));
    }

    @Override
    public RunDifference difference(UUID a, UUID b, int limit) {
        return call(() -> api.difference(auth(), a, b, limit));
    }

    @Override
    public String export(CompareQuery query, CompareExport format) {
        String runs = query.runsParameter();
        String experiment = query.experimentParameter();
        return call(() -> switch (format) {
            case EPOCHS_CSV -> api.compareEpochsCsv(auth(), runs, experiment);
            case SUMMARY_CSV -> api.compareSummaryCsv(auth(), runs, experiment);
            case MARKDOWN -> api.compareMarkdown(auth(), runs, experiment);
            case LATEX -> api.compareLatex(auth(), runs, experiment);
        });
    }

    @Override
    public ExperimentView submit(ExperimentSubmission submission) {
        return call(() -> api.submit(auth(), submission));
    }

    @Override
    public SignedInUser signIn(Credentials credentials) {
        return call(() -> api.me(credentials.authorization()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The signed-in user's credentials, from their session. */
    private static String auth() {
        return CurrentUser.authorization();
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            throw fromResponse(e.getResponse());
        } catch (ProcessingException e) {
            throw BackendException.unreachable(e);
        }
    }

    private static BackendException fromResponse(Response response) {
        ApiProblem problem = null;
        try {
            problem = response.readEntity(ApiProblem.class);
        } catch (RuntimeException unreadable) {
            // not problem+json (a proxy's page, say): the status alone has to do
        }
        int status = response.getStatus();
        if (problem == null && (status == 502 || status == 503 || status == 504)) {
            return BackendException.unreachable(null);
        }
        String message = problem != null && problem.detail() != null
                ? problem.detail()
                : "The experiment service answered " + status + " "
                        + response.getStatusInfo().getReasonPhrase();
        return new BackendException(status, message, problem == null ? List.of() : problem.violations());
    }
}
