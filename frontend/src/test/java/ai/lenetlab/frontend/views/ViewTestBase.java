package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.frontend.backend.ExperimentServiceApi;
import ai.lenetlab.frontend.backend.LabBackend;
import ai.lenetlab.frontend.backend.SignedInUser;
import ai.lenetlab.frontend.security.Credentials;
import ai.lenetlab.frontend.security.CurrentUser;
import io.smallrye.mutiny.Multi;
import java.lang.reflect.Proxy;
import ai.lenetlab.frontend.backend.RunEventFeed;
import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.server.VaadinSession;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Browserless view tests: real views and components in the test JVM, an in-memory backend. */
@ViewPackages(packages = {"ai.lenetlab.frontend.views", "ai.lenetlab.frontend.security"})
abstract class ViewTestBase extends BrowserlessTest {

    protected final InMemoryLabBackend backend = new InMemoryLabBackend();
    protected final RunEventFeed feed = new RunEventFeed(silentApi());

    /** Before Vaadin starts: it may open the root view while setting up. */
    ViewTestBase() {
        InjectingInstantiatorFactory.SERVICES.put(LabBackend.class, backend);
        InjectingInstantiatorFactory.SERVICES.put(RunEventFeed.class, feed);
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
        VaadinSession session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
    }

    /** An API whose event stream stays open and silent; views get their data from the in-memory backend. */
    private static ExperimentServiceApi silentApi() {
        return (ExperimentServiceApi) Proxy.newProxyInstance(ExperimentServiceApi.class.getClassLoader(),
                new Class<?>[] {ExperimentServiceApi.class}, (proxy, method, args) -> {
                    if (method.getName().equals("events")) {
                        return Multi.createFrom().nothing();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    protected Set<Class<?>> lookupServices() {
        return Set.of(InjectingInstantiatorFactory.class);
    }
}
