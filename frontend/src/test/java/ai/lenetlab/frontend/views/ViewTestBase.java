package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.ExperimentServiceApi;
import ai.lenetlab.frontend.backend.LabBackend;
import ai.lenetlab.frontend.backend.RunEventFeed;
import ai.lenetlab.frontend.backend.SignedInUser;
import ai.lenetlab.frontend.security.Credentials;
import ai.lenetlab.frontend.security.CurrentUser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.server.VaadinSession;
import io.smallrye.mutiny.Multi;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Browserless view tests: real views and components in the test JVM, an in-memory backend. */
@ViewPackages(packages = {"ai.lenetlab.frontend.views", "ai.lenetlab.frontend.security"})
abstract class ViewTestBase extends BrowserlessTest {

    protected final InMemoryLabBackend backend = new InMemoryLabBackend();
    /** What the service answers the next subscription to its event stream with; open and silent by default. */
    protected volatile Supplier<Multi<String>> eventStream =
            () -> Multi.createFrom().nothing();

    protected final RunEventFeed feed =
            new RunEventFeed(api(), new ObjectMapper().findAndRegisterModules(), Duration.ZERO);

    /** Before Vaadin starts: it may open the root view while setting up. */
    ViewTestBase() {
        InjectingInstantiatorFactory.SERVICES.put(LabBackend.class, backend);
        // calls run at once on the test's thread; their answers arrive with UI.access, as in the app (see settle)
        InjectingInstantiatorFactory.SERVICES.put(BackendCalls.class, new BackendCalls(backend, callsExecutor()));
        InjectingInstantiatorFactory.SERVICES.put(RunEventFeed.class, feed);
    }

    /** Where backend calls run: at once, on the calling thread, unless a test needs them elsewhere. */
    protected Executor callsExecutor() {
        return Runnable::run;
    }

    /**
     * Runs what waits for the session lock (answers of backend calls, live updates), as happens in the
     * app when the request that holds the lock ends.
     */
    protected void settle() {
        VaadinSession session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
    }

    @Override
    public <T extends Component> T navigate(Class<T> view) {
        T shown = super.navigate(view);
        settle();
        return shown;
    }

    @Override
    public <T extends Component> T navigate(Class<T> view, Map<String, String> parameters) {
        T shown = super.navigate(view, parameters);
        settle();
        return shown;
    }

    @Override
    public <T extends Component> T navigate(String location, Class<T> view) {
        T shown = super.navigate(location, view);
        settle();
        return shown;
    }

    /** Pages need a signed-in user (AccessGuard): the tests sign in through the login page's own path. */
    @BeforeEach
    void signIn() {
        CurrentUser.signIn(new Credentials("tester", backend.password), new SignedInUser("tester", backend.role));
    }

    @AfterEach
    void forgetServices() {
        InjectingInstantiatorFactory.SERVICES.clear();
    }

    /** A run change from the live feed, delivered as the browser would see it after the server push. */
    protected void publish(RunSummary run) {
        feed.publish(run);
        settle();
    }

    /** An API with just the event stream ({@link #eventStream}); views get their data from the in-memory backend. */
    private ExperimentServiceApi api() {
        return (ExperimentServiceApi) Proxy.newProxyInstance(
                ExperimentServiceApi.class.getClassLoader(),
                new Class<?>[] {ExperimentServiceApi.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("events")) {
                        return eventStream.get();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    protected Set<Class<?>> lookupServices() {
        return Set.of(InjectingInstantiatorFactory.class);
    }
}
