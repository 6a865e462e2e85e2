package ai.lenetlab.frontend.backend;

import ai.lenetlab.frontend.security.CurrentUser;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Calls the experiment service for a page without blocking under the Vaadin session lock: the call
 * runs on a virtual thread and its answer (or failure) is applied with {@link UI#access}.
 *
 * <p>Why: view code (constructors, {@code beforeEnter}, listeners) runs while it holds the session
 * lock. Push connections take that lock on Vert.x event loops, and the REST client's replies are
 * read on those same event loops, so a view that waits for a reply under the lock can wait forever
 * (vaadin/flow#18349, vaadin/quarkus#138): the whole frontend hung. Views therefore never call
 * {@link LabBackend} directly.
 */
@ApplicationScoped
public class BackendCalls {

    private static final Logger LOG = Logger.getLogger(BackendCalls.class);

    private final LabBackend backend;
    private final Executor executor;

    @Inject
    public BackendCalls(LabBackend backend) {
        this(backend, Executors.newVirtualThreadPerTaskExecutor());
    }

    /** With another executor: browserless tests run the call at once, on the test's thread. */
    public BackendCalls(LabBackend backend, Executor executor) {
        this.backend = backend;
        this.executor = executor;
    }

    @PreDestroy
    void stop() {
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
        }
    }

    /** Calls at once, on this thread, as {@code authorization}: only for code that runs outside the session lock (downloads). */
    public <T> T callAs(String authorization, Function<LabBackend, T> call) {
        return CurrentUser.actingAs(authorization, () -> call.apply(backend));
    }

    /**
     * Runs {@code call} off the UI thread as the signed-in user of {@code page}'s session, then hands
     * its answer to {@code onAnswer} or its failure to {@code onFailure}, both under the session lock.
     * Nothing is applied when the page has gone in the meantime. Call it from the UI thread.
     */
    public <T> void fetch(
            Component page, Function<LabBackend, T> call, Consumer<T> onAnswer, Consumer<BackendException> onFailure) {
        UI ui = page.getUI().orElseGet(UI::getCurrent);
        String authorization = CurrentUser.authorization();
        executor.execute(() -> {
            Runnable apply;
            try {
                T answer = CurrentUser.actingAs(authorization, () -> call.apply(backend));
                apply = () -> onAnswer.accept(answer);
            } catch (BackendException e) {
                apply = () -> onFailure.accept(e);
            } catch (RuntimeException e) {
                LOG.warn("a call to the experiment service failed unexpectedly", e);
                apply = () -> onFailure.accept(BackendException.unreachable(e));
            }
            try {
                ui.access(apply::run);
            } catch (UIDetachedException gone) {
                // the tab closed or navigated away while the answer was on its way
            }
        });
    }
}
