package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.PredictionSample;
import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.ExperimentView;
import ai.lenetlab.contracts.api.Predictions;
import ai.lenetlab.contracts.api.RunDetails;
import ai.lenetlab.contracts.api.RunDifference;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.contracts.api.WorkerOverview;
import ai.lenetlab.frontend.backend.BackendException;
import ai.lenetlab.frontend.backend.CompareExport;
import ai.lenetlab.frontend.backend.CompareQuery;
import ai.lenetlab.frontend.backend.LabBackend;
import ai.lenetlab.frontend.backend.RunPage;
import ai.lenetlab.frontend.backend.RunQuery;
import ai.lenetlab.frontend.backend.SignedInUser;
import ai.lenetlab.frontend.backend.SweepAction;
import ai.lenetlab.frontend.security.Credentials;
import ai.lenetlab.sweeps.SweepSpec;
import ai.lenetlab.sweeps.SweepView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The experiment service as the views see it, in memory, for browserless view tests; it records what
 * the views send. The real service is exercised by the end-to-end browser test.
 */
class InMemoryLabBackend implements LabBackend {

    final List<RunSummary> runs = new ArrayList<>();
    final Map<UUID, RunDetails> details = new LinkedHashMap<>();
    final Map<UUID, List<PredictionSample>> predictions = new LinkedHashMap<>();
    final List<ExperimentSubmission> submissions = new ArrayList<>();
    final List<UUID> cancelled = new ArrayList<>();
    final List<RunQuery> queries = new ArrayList<>();
    CompareView compareView;
    List<UUID> comparedIds;
    int comparedTimes;
    CompareQuery lastCompare;
    RunDifference difference;
    SweepView sweep;
    WorkerOverview workers = new WorkerOverview(List.of(), Map.of("any", 0L));
    final List<SweepSpec> createdSweeps = new ArrayList<>();
    final List<SweepAction> sweepActions = new ArrayList<>();
    final List<List<UUID>> differencesAsked = new ArrayList<>();
    /** When set, every call fails with it (the service down, or refusing). */
    BackendException failure;
    /** When set, submissions are refused with these violations. */
    List<ApiProblem.Violation> violations;

    /** Hears the name of every method called, on the calling thread. */
    java.util.function.Consumer<String> onCall = method -> {};

    /** The only user: "tester", with this password and role. */
    String password = "tester-password";

    String role = "admin";

    @Override
    public SignedInUser signIn(Credentials credentials) {
        check();
        if (!credentials.username().equals("tester") || !credentials.password().equals(password)) {
            throw new BackendException(401, "wrong user name or password", List.of());
        }
        return new SignedInUser("tester", role);
    }

    @Override
    public List<Preset> presets() {
        check();
        return Presets.all();
    }

    @Override
    public List<RunSummary> runs(int limit) {
        check();
        return runs.stream().limit(limit).toList();
    }

    @Override
    public RunPage runs(RunQuery query) {
        check();
        queries.add(query);
        String text = query.text() == null ? "" : query.text().toLowerCase(Locale.ROOT);
        List<RunSummary> matching = runs.stream()
                .filter(r -> query.status() == null || r.status() == query.status())
                .filter(r -> text.isEmpty()
                        || Stream.of(r.experimentName(), r.preset(), r.workerId())
                                .anyMatch(v ->
                                        v != null && v.toLowerCase(Locale.ROOT).contains(text)))
                .sorted(order(query.sort()))
                .toList();
        return new RunPage(
                matching.stream()
                        .skip((long) query.page() * query.size())
                        .limit(query.size())
                        .toList(),
                matching.size());
    }

    /** The API's sort keys that the views use; the list as stored is newest first. */
    private static Comparator<RunSummary> order(String sort) {
        boolean descending = sort.startsWith("-");
        Comparator<RunSummary> by = switch (descending ? sort.substring(1) : sort) {
            case "createdAt" -> (a, b) -> 0;
            case "experiment" -> Comparator.comparing(RunSummary::experimentName);
            case "preset" -> Comparator.comparing(RunSummary::preset);
            case "status" -> Comparator.comparing(RunSummary::status);
            default -> throw new BackendException(400, "sort: unknown " + sort, List.of());
        };
        return descending ? by.reversed() : by;
    }

    @Override
    public RunDetails run(UUID id) {
        check();
        RunDetails run = details.get(id);
        if (run == null) {
            throw new BackendException(404, "run " + id + " does not exist", List.of());
        }
        return run;
    }

    @Override
    public List<PredictionSample> predictions(UUID id) {
        check();
        return predictions.getOrDefault(id, List.of());
    }

    @Override
    public byte[] model(UUID id) {
        check();
        return new byte[] {1, 2, 3};
    }

    /** Test image i: probability 0.9 for class i % 10, the rest shared; its pixels all i. */
    @Override
    public Predictions predict(UUID id, Predictions.Request request) {
        check();
        List<Predictions.Prediction> out = new ArrayList<>();
        for (int index : request.testImages()) {
            List<Double> p = new ArrayList<>(java.util.Collections.nCopies(10, 0.1 / 9));
            p.set(index % 10, 0.9);
            byte[] pixels = new byte[784];
            java.util.Arrays.fill(pixels, (byte) index);
            out.add(new Predictions.Prediction(
                    p,
                    index % 10,
                    "class " + index % 10,
                    java.util.Base64.getEncoder().encodeToString(pixels)));
        }
        return new Predictions(out);
    }

    @Override
    public RunDetails cancel(UUID id) {
        check();
        cancelled.add(id);
        return run(id);
    }

    @Override
    public RunDetails retry(UUID id) {
        check();
        return run(id);
    }

    @Override
    public CompareView compare(CompareQuery query) {
        check();
        comparedIds = query.runs();
        lastCompare = query;
        comparedTimes++;
        return compareView;
    }

    @Override
    public List<SweepView> sweeps() {
        check();
        return sweep == null ? List.of() : List.of(sweep);
    }

    @Override
    public SweepView sweep(UUID id) {
        check();
        if (sweep == null || !sweep.id().equals(id)) {
            throw new BackendException(404, "sweep " + id + " does not exist", List.of());
        }
        return sweep;
    }

    @Override
    public SweepView createSweep(SweepSpec spec) {
        check();
        if (violations != null) {
            throw new BackendException(400, "the sweep is not valid", violations);
        }
        createdSweeps.add(spec);
        return sweep;
    }

    @Override
    public SweepView sweepAction(UUID id, SweepAction action) {
        check();
        sweepActions.add(action);
        return sweep(id);
    }

    @Override
    public RunDifference difference(UUID a, UUID b, int limit) {
        check();
        differencesAsked.add(List.of(a, b));
        if (difference == null) {
            throw new BackendException(409, "no difference stubbed", List.of());
        }
        return difference;
    }

    @Override
    public String export(CompareQuery query, CompareExport format) {
        check();
        lastCompare = query;
        return format.name() + " of " + query.runsParameter();
    }

    @Override
    public WorkerOverview workers() {
        check();
        return workers;
    }

    @Override
    public ExperimentView submit(ExperimentSubmission submission) {
        check();
        if (violations != null) {
            throw new BackendException(400, "the experiment is not valid", violations);
        }
        submissions.add(submission);
        UUID experiment = UUID.randomUUID();
        List<RunSummary> created = new ArrayList<>();
        for (ExperimentSubmission.RunSpec spec : submission.runs()) {
            for (long seed : spec.seeds() == null ? List.of(1L) : spec.seeds()) {
                created.add(summary(
                        UUID.randomUUID(), experiment, submission.name(), spec.preset(), seed, RunStatus.QUEUED));
            }
        }
        runs.addAll(0, created);
        return new ExperimentView(
                experiment,
                submission.name(),
                submission.description(),
                Instant.now(),
                Map.of(RunStatus.QUEUED, (long) created.size()),
                created);
    }

    static RunSummary summary(
            UUID id, UUID experiment, String experimentName, String preset, long seed, RunStatus status) {
        return new RunSummary(
                id,
                experiment,
                experimentName,
                1,
                preset,
                seed,
                status,
                1,
                3,
                null,
                null,
                null,
                status == RunStatus.COMPLETED ? 1 : 0,
                null,
                Instant.now(),
                null,
                null,
                null,
                null);
    }

    private void check() {
        onCall.accept(StackWalker.getInstance()
                .walk(frames -> frames.skip(1).findFirst().orElseThrow().getMethodName()));
        if (failure != null) {
            throw failure;
        }
    }
}
