package ai.lenetlab.frontend.views;

import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.frontend.backend.LabBackend;
import ai.lenetlab.frontend.backend.RunEventFeed;
import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.server.VaadinSession;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/** Browserless view tests: real views and components in the test JVM, an in-memory backend. */
@ViewPackages(packages = "ai.lenetlab.frontend.views")
abstract class ViewTestBase extends BrowserlessTest {

    protected final InMemoryLabBackend backend = new InMemoryLabBackend();
    protected final RunEventFeed feed = new RunEventFeed(null);

    /** Before Vaadin starts: it may open the root view while setting up. */
    ViewTestBase() {
        InjectingInstantiatorFactory.SERVICES.put(LabBackend.class, backend);
        InjectingInstantiatorFactory.SERVICES.put(RunEventFeed.class, feed);
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

    @Override
    protected Set<Class<?>> lookupServices() {
        return Set.of(InjectingInstantiatorFactory.class);
    }
}
