package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.experiments.domain.EpochMetricRow;
import ai.lenetlab.experiments.domain.ModelArtifact;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.RunAttemptRow;
import ai.lenetlab.experiments.domain.RunResultRow;
import ai.lenetlab.experiments.security.Roles;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads runs and changes them on a user's request (cancel, retry). */
@ApplicationScoped
public class RunService {

    @Inject
    RunLifecycle lifecycle;

    @Inject
    Quota quota;

    @ConfigProperty(name = "lenetlab.runs.max-attempts")
    int maxAttempts;

    @Transactional
    public RunDetails details(UUID id) {
        Run run = find(id);
        List<EpochMetrics> epochs = EpochMetricRow.of(run.id, run.attempt);
        RunResultRow result = run.status == RunStatus.COMPLETED ? RunResultRow.findById(run.id) : null;
        boolean model = run.status == RunStatus.COMPLETED && ModelArtifact.count("runId", run.id) > 0;
        RunSummary summary = RunViews.summary(run, epochs.isEmpty() ? null : epochs.get(epochs.size() - 1));
        return new RunDetails(
                summary,
                maxAttempts,
                run.config,
                run.parameters,
                run.layers,
                epochs,
                summary.lastEpoch(),
                RunDetails.best(epochs),
                result == null ? null : result.confusionMatrix,
                result == null ? null : result.perClassAccuracy,
                result == null ? null : result.totalSeconds,
                model,
                run.cancelRequested,
                run.queuedAt,
                run.lastHeartbeatAt,
                result == null ? null : result.environment,
                run.failures,
                RunAttemptRow.of(run.id));
    }

    /** Queued runs end at once; running ones when their worker confirms (within a batch). */
    @Transactional
    public RunDetails cancel(UUID id, SecurityIdentity caller) {
        Run run = lock(id);
        requireOwnerOrAdmin(run, caller, "cancel");
        if (run.status.isFinal()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "run " + id + " is already " + run.status);
        }
        lifecycle.cancel(run);
        return details(id);
    }

    /** Trains a finished run again, as a new attempt. */
    @Transactional
    public RunDetails retry(UUID id, SecurityIdentity caller) {
        Run run = lock(id);
        requireOwnerOrAdmin(run, caller, "retry");
        if (!run.status.isFinal()) {
            throw new Refusal(
                    Refusal.Kind.CONFLICT,
                    "run " + id + " is " + run.status + "; only completed, failed or cancelled runs can be retried");
        }
        quota.checkRoom(caller, 1);
        lifecycle.retry(run);
        return details(id);
    }

    /** The sampled test images of a completed run; none before it completes. */
    @Transactional
    public List<PredictionSample> predictions(UUID id) {
        find(id);
        RunResultRow result = RunResultRow.findById(id);
        return result == null ? List.of() : result.predictions;
    }

    /** Researchers act on their own runs only; admins on any. */
    private static void requireOwnerOrAdmin(Run run, SecurityIdentity caller, String action) {
        if (!caller.hasRole(Roles.ADMIN) && !caller.getPrincipal().getName().equals(run.experiment.owner)) {
            // who owns it is not said: the API does not show owners to other users
            throw new Refusal(
                    Refusal.Kind.FORBIDDEN,
                    "only the user who submitted run " + run.id + " or an admin may " + action + " it");
        }
    }

    static Run find(UUID id) {
        Run run = Run.findById(id);
        if (run == null) {
            throw Refusal.notFound("run", id);
        }
        return run;
    }

    private static Run lock(UUID id) {
        Run run = Run.lockById(id);
        if (run == null) {
            throw Refusal.notFound("run", id);
        }
        return run;
    }

    /** Which runs a list shows: any of these left null matches all. */
    public record RunFilter(RunStatus status, UUID experiment, String text) {}

    /** One page of runs, and how many match over all pages. */
    public record RunPage(List<RunSummary> runs, long total) {}

    /** What {@code sort} may name, and the column it sorts by. */
    private static final Map<String, String> SORTABLE = Map.of(
            "createdAt",
            "createdAt",
            "experiment",
            "experiment.name",
            "status",
            "status",
            "preset",
            "preset",
            "worker",
            "workerId",
            "device",
            "device",
            "startedAt",
            "startedAt");

    /** A page of the runs that match, sorted by {@code sort} (a SORTABLE name, "-" in front: descending). */
    @Transactional
    public RunPage list(RunFilter filter, String sort, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (filter.status() != null) {
            where.add("status = :status");
            params.and("status", filter.status());
        }
        if (filter.experiment() != null) {
            where.add("experiment.id = :experiment");
            params.and("experiment", filter.experiment());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.add("(lower(experiment.name) like :q escape '!' or lower(preset) like :q escape '!'"
                    + " or lower(workerId) like :q escape '!')");
            params.and("q", "%" + filter.text().strip().toLowerCase(Locale.ROOT).replaceAll("[!%_]", "!$0") + "%");
        }
        PanacheQuery<Run> query = Run.find(String.join(" and ", where), sortOf(sort), params);
        return new RunPage(summaries(query.page(Page.of(page, size)).list()), query.count());
    }

    private static Sort sortOf(String sort) {
        boolean descending = sort.startsWith("-");
        String column = SORTABLE.get(descending ? sort.substring(1) : sort);
        if (column == null) {
            throw new Refusal(
                    Refusal.Kind.INVALID,
                    "sort must be one of " + new TreeSet<>(SORTABLE.keySet()) + ", with - in front for descending",
                    List.of(new ApiProblem.Violation("sort", "unknown: " + sort)));
        }
        Sort order = descending ? Sort.descending(column) : Sort.ascending(column);
        return column.equals("createdAt")
                ? order.and("ordinal", descending ? Sort.Direction.Ascending : Sort.Direction.Descending)
                : order.and("createdAt", Sort.Direction.Descending).and("ordinal");
    }

    /** Runs as lists show them, with their newest epochs fetched together. */
    public static List<RunSummary> summaries(List<Run> runs) {
        Map<UUID, EpochMetrics> last = EpochMetricRow.lastOf(runs);
        return runs.stream().map(run -> RunViews.summary(run, last.get(run.id))).toList();
    }
}
