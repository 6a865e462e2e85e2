package ai.lenetlab.frontend.views;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.frontend.security.CurrentUser;
import ai.lenetlab.frontend.security.LoginView;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.server.VaadinSession;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every page, every action: no call to the experiment service is made by a thread that holds the
 * Vaadin session lock. Such a call hung the whole frontend once push connections parked the Vert.x
 * event loops on that lock (vaadin/flow#18349). Here calls run on a thread of their own, as in the app.
 */
class NoBlockingUnderTheSessionLockTest extends ViewTestBase {

    private static final ExecutorService CALLS = Executors.newSingleThreadExecutor();

    private final UUID done = UUID.randomUUID();
    private final UUID training = UUID.randomUUID();

    @Override
    protected Executor callsExecutor() {
        return CALLS;
    }

    @AfterAll
    static void stopCalls() {
        CALLS.shutdownNow();
    }

    @Test
    void noPageCallsTheServiceWhileItHoldsTheSessionLock() throws Exception {
        VaadinSession session = VaadinSession.getCurrent();
        List<String> calls = new CopyOnWriteArrayList<>();
        List<String> underLock = new CopyOnWriteArrayList<>();
        backend.onCall = method -> {
            calls.add(method);
            if (session.hasLock()) {
                underLock.add(method);
            }
        };
        backend.runs.add(SampleRuns.summary(done, "model-2", RunStatus.COMPLETED, null));
        backend.details.put(done, SampleRuns.completed(done, "model-2"));
        backend.details.put(training, SampleRuns.running(training));
        backend.predictions.put(done, SampleRuns.predictions());
        backend.compareView = SampleRuns.compare(done, training, UUID.randomUUID());

        CurrentUser.signOut();
        navigate(LoginView.class);
        test($(LoginForm.class).single()).login("tester", backend.password);
        drain();
        assertThat(CurrentUser.user()).isPresent();

        RunsView runs = navigate(RunsView.class);
        drain();
        assertThat(test(runs.grid).size()).isEqualTo(1);

        RunView run = navigate(RunView.class, Map.of("id", training.toString()));
        drain();
        assertThat(run.title.getText()).isEqualTo("model-2 · seed 1");
        test(run.cancel).click();
        drain();
        assertThat(backend.cancelled).containsExactly(training);
        navigate(RunView.class, Map.of("id", done.toString()));
        drain();

        CompareRunsView compare = navigate(CompareRunsView.class);
        compare.select(List.of(done, training));
        drain();
        assertThat(compare.view).isNotNull();

        NewExperimentView form = navigate(NewExperimentView.class);
        drain();
        test(form.reproduce).click();
        drain();
        assertThat(backend.submissions).hasSize(1);

        WorkersView workers = navigate(WorkersView.class);
        drain();
        assertThat(workers.waiting.getText()).contains("0 (any)");

        assertThat(calls)
                .contains("signIn", "runs", "run", "cancel", "predictions", "compare", "presets", "submit", "workers");
        assertThat(underLock).as("calls made under the session lock").isEmpty();
    }

    /** Waits for the calls under way, then applies their answers (they wait for the lock the test holds). */
    private void drain() throws InterruptedException, ExecutionException, TimeoutException {
        for (int i = 0; i < 3; i++) { // an answer may start another call (a completed run's predictions)
            CALLS.submit(() -> {}).get(10, TimeUnit.SECONDS);
            settle();
        }
    }
}
