package ai.lenetlab.frontend.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;

/**
 * Every page but the login page needs a signed-in user; others are sent to sign in and, once they
 * have, on to the page they asked for. (Registered in META-INF/services.)
 */
public class AccessGuard implements VaadinServiceInitListener {

    private static final String REQUESTED = AccessGuard.class.getName() + ".requested";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(AccessGuard::check));
    }

    private static void check(BeforeEnterEvent event) {
        if (event.getNavigationTarget() != LoginView.class && CurrentUser.user().isEmpty()) {
            VaadinSession.getCurrent().setAttribute(REQUESTED, event.getLocation());
            event.rerouteTo(LoginView.class);
        }
    }

    /** Goes where the user first asked to go, else to the runs. */
    static void continueToRequestedPage(UI ui) {
        VaadinSession session = VaadinSession.getCurrent();
        Location requested = (Location) session.getAttribute(REQUESTED);
        session.setAttribute(REQUESTED, null);
        if (requested == null || requested.getPath().startsWith("login")) {
            ui.navigate("");
        } else {
            ui.navigate(requested.getPath(), requested.getQueryParameters());
        }
    }
}
