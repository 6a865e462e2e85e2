package ai.lenetlab.frontend.views;

import ai.lenetlab.frontend.backend.RunEventFeed;
import ai.lenetlab.frontend.security.CurrentUser;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import java.util.function.Function;

/** Ties a page's run-event listener to its life in the browser: subscribed while attached, gone after. */
final class LiveUpdates {

    private LiveUpdates() {}

    /**
     * Subscribes {@code listener} (made for the page's UI; it must use {@code ui.access}) each time
     * {@code component} is attached, and unsubscribes it on detach so closed tabs hold nothing.
     */
    static void whileAttached(Component component, RunEventFeed feed, Function<UI, RunEventFeed.Listener> listener) {
        component.addAttachListener(attach -> {
            Runnable unsubscribe = feed.subscribe(CurrentUser.authorization(), listener.apply(attach.getUI()));
            component.addDetachListener(detach -> {
                unsubscribe.run();
                detach.unregisterListener();
            });
        });
    }
}
