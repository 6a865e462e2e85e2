package ai.lenetlab.frontend.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.contracts.api.ExperimentSubmission;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.contracts.api.WorkerOverview;
import ai.lenetlab.contracts.api.WorkerState;
import ai.lenetlab.contracts.api.WorkerView;
import ai.lenetlab.frontend.security.Credentials;
import ai.lenetlab.frontend.security.CurrentUser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The frontend's REST client and event feed over real HTTP, against a stub service: problem+json
 * refusals reach the views with their fields, a proxy's error page reads as "service away", the
 * signed-in user's credentials go with every call, and the event feed reads plain SSE (no RESTEasy
 * headers), skips what it cannot read, and reports and reconnects a dropped stream. It failed
 * before the feed read the events' text itself: typed events needed RESTEasy's X-SSE-Content-Type
 * header, and without it every event failed outside the stream (the page stayed "live", silent).
 * (The views themselves are tested against InMemoryLabBackend.)
 */
@QuarkusTest
@QuarkusTestResource(value = StubService.class, restrictToAnnotatedClass = true)
class RestBackendTest {

    private static final String ALICE = new Credentials("alice", "alice-password").authorization();
    private static final String BOB = new Credentials("bob", "bob-password").authorization();

    @Inject
    RestLabBackend backend;

    @Inject
    RunEventFeed feed;

    private StubService service;

    @BeforeEach
    void stubs() {
        service = StubService.current;
        service.answers.clear();
        service.events.clear();
        service.targets.clear();
    }

    @Test
    void fieldErrorsOfTheApiReachTheFormWithTheirFieldNames() {
        service.answers.put("POST /api/experiments", new StubService.Answer(400, ApiProblem.MEDIA_TYPE, """
                {"type":"about:blank","title":"Bad Request","status":400,"detail":"the experiment is not valid",
                 "violations":[{"field":"runs[0].overrides.epochs","message":"must be between 1 and 200, was 0"}]}"""));

        BackendException refused = catchThrowableOfType(
                BackendException.class,
                () -> CurrentUser.actingAs(
                        ALICE, () -> backend.submit(new ExperimentSubmission("x", null, List.of()))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.getMessage()).isEqualTo("the experiment is not valid");
        assertThat(refused.violations())
                .extracting(ApiProblem.Violation::field)
                .containsExactly("runs[0].overrides.epochs");
        assertThat(service.authorizations).last().isEqualTo(ALICE);
    }

    @Test
    void theWorkersReadAsTheServiceWritesThem() {
        UUID run = UUID.randomUUID();
        service.answers.put("GET /api/workers", new StubService.Answer(200, "application/json", """
                {"workers":[{"id":"worker-1","host":"lab-a","device":"cpu","threads":2,"state":"training",
                 "runId":"%s","epoch":3,"epochs":10,"lastHeartbeat":"2026-03-04T05:06:07.123456Z","runsDone":4,
                 "utilisation":0.75,"startedAt":"2026-03-04T04:00:00Z"},
                 {"id":"worker-2","host":"lab-b","device":"gpu","threads":8,"state":"lost","runId":null,"epoch":null,
                 "epochs":null,"lastHeartbeat":"2026-03-04T05:00:00Z","runsDone":0,"utilisation":0.0,
                 "startedAt":"2026-03-04T04:00:00Z"}],
                 "runsWaiting":{"any":7}}""".formatted(run)));

        WorkerOverview overview = CurrentUser.actingAs(ALICE, () -> backend.workers());

        assertThat(overview.workers())
                .extracting(WorkerView::id, WorkerView::state, WorkerView::runId, WorkerView::epoch)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("worker-1", WorkerState.TRAINING, run, 3),
                        org.assertj.core.groups.Tuple.tuple("worker-2", WorkerState.LOST, null, null));
        assertThat(overview.workers().get(0).lastHeartbeat()).isEqualTo("2026-03-04T05:06:07.123456Z");
        assertThat(overview.runsWaiting()).containsEntry("any", 7L);
        assertThat(service.authorizations).last().isEqualTo(ALICE);
    }

    @Test
    void signInRefusalsKeepTheirStatusAndWords() {
        service.answers.put(
                "GET /api/me",
                new StubService.Answer(
                        401, ApiProblem.MEDIA_TYPE, "{\"status\":401,\"detail\":\"wrong user name or password\"}"));
        assertThat(catchThrowableOfType(BackendException.class, () -> backend.signIn(new Credentials("a", "b")))
                        .status())
                .isEqualTo(401);

        service.answers.put(
                "GET /api/me",
                new StubService.Answer(
                        429,
                        ApiProblem.MEDIA_TYPE,
                        "{\"status\":429,\"detail\":\"too many failed sign-ins for this user name; try again in 4 s\"}"));
        BackendException throttled =
                catchThrowableOfType(BackendException.class, () -> backend.signIn(new Credentials("a", "b")));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.getMessage()).contains("try again in 4 s");
    }

    @Test
    void aProxysErrorPageReadsAsTheServiceBeingAway() {
        service.answers.put("GET /api/presets", new StubService.Answer(502, "text/html", "<html>Bad Gateway</html>"));
        BackendException away = catchThrowableOfType(
                BackendException.class, () -> CurrentUser.actingAs(ALICE, () -> backend.presets()));
        assertThat(away.getMessage())
                .isEqualTo(BackendException.unreachable(null).getMessage());
    }

    @Test
    void aDroppedEventStreamIsReportedAndReconnected() {
        List<Object> heard = new CopyOnWriteArrayList<>();
        int streamsBefore = service.streams.get();
        Runnable unsubscribe = feed.subscribe(ALICE, new RunEventFeed.Listener() {
            @Override
            public void runChanged(RunSummary run) {
                heard.add(run.id());
            }

            @Override
            public void connectionChanged(boolean live) {
                heard.add(live);
            }
        });
        try {
            UUID run = UUID.randomUUID();
            service.events.add("not a run"); // skipped; the stream goes on
            service.events.add("{\"id\":\"" + run + "\",\"status\":\"RUNNING\"}");
            await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains(run) && heard.contains(true));

            service.events.add(StubService.END); // the service restarts: the stream ends
            await().atMost(Duration.ofSeconds(20)).until(() -> heard.lastIndexOf(false) > heard.indexOf(true));
            await().atMost(Duration.ofSeconds(20)).until(() -> heard.lastIndexOf(true) > heard.lastIndexOf(false));
            assertThat(service.streams.get() - streamsBefore)
                    .as("subscriptions: the first and the reconnect")
                    .isGreaterThanOrEqualTo(2);
            assertThat(feed.isLive(ALICE)).isTrue();
        } finally {
            unsubscribe.run();
        }
    }

    @Test
    void aStreamWhoseReconnectIsRefusedEndsTheFeedAndSignsTheUserOut() throws InterruptedException {
        List<Object> heard = new CopyOnWriteArrayList<>();
        Runnable unsubscribe = feed.subscribe(BOB, new RunEventFeed.Listener() {
            @Override
            public void connectionChanged(boolean live) {
                heard.add(live);
            }

            @Override
            public void signedOut() {
                heard.add("signed out");
            }
        });
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains(true));
            // the service ends the stream of a user an admin disabled, and refuses the reconnect
            service.eventsRefusal = new StubService.Answer(
                    401, "application/problem+json", "{\"status\":401,\"detail\":\"wrong user name or password\"}");
            // END until a stream of bob's takes it (a handler left from another test may poll the queue too)
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        service.events.add(StubService.END);
                        return heard.contains("signed out");
                    });
            int streams = service.streams.get();
            Thread.sleep(5000); // two reconnect delays
            assertThat(service.streams.get())
                    .as("no reconnecting with refused credentials")
                    .isEqualTo(streams);
            assertThat(feed.isLive(BOB)).isFalse();
        } finally {
            service.eventsRefusal = null;
            service.events.clear();
            unsubscribe.run();
        }
    }

    @Test
    void comparisonsAndTheirFilesAreAskedForByRunsOrExperimentsWithTheBaseline() {
        UUID a = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID e = UUID.fromString("00000000-0000-0000-0000-00000000000e");
        service.answers.put("GET /api/compare", new StubService.Answer(200, "application/json", """
                        {"runs":[],"config":[],"differingFields":[],"epochNumbers":[],"series":{},"groups":[],
                         "contrasts":[],"summary":[]}"""));
        service.answers.put("GET /api/compare.md", new StubService.Answer(200, "text/markdown", "| Config |"));
        service.answers.put("GET /api/compare.tex", new StubService.Answer(200, "application/x-latex", "\\begin"));
        service.answers.put("GET /api/compare.csv", new StubService.Answer(200, "text/csv", "runId,epoch"));
        service.answers.put("GET /api/compare/summary.csv", new StubService.Answer(200, "text/csv", "config,runs"));

        CurrentUser.actingAs(ALICE, () -> {
            backend.compare(CompareQuery.ofExperiments(List.of(e)).withBaseline("model-2 × 3 seeds"));
            assertThat(backend.export(CompareQuery.ofRuns(List.of(a)), CompareExport.MARKDOWN))
                    .isEqualTo("| Config |");
            assertThat(backend.export(CompareQuery.ofRuns(List.of(a)), CompareExport.LATEX))
                    .isEqualTo("\\begin");
            assertThat(backend.export(CompareQuery.ofExperiments(List.of(e)), CompareExport.EPOCHS_CSV))
                    .isEqualTo("runId,epoch");
            assertThat(backend.export(CompareQuery.ofRuns(List.of(a)), CompareExport.SUMMARY_CSV))
                    .isEqualTo("config,runs");
            return null;
        });
        assertThat(service.targets)
                .containsExactly(
                        "/api/compare?experiment=" + e + "&baseline=model-2+%C3%97+3+seeds",
                        "/api/compare.md?runs=" + a,
                        "/api/compare.tex?runs=" + a,
                        "/api/compare.csv?experiment=" + e,
                        "/api/compare/summary.csv?runs=" + a);
    }
}
