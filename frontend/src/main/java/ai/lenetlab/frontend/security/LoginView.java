package ai.lenetlab.frontend.security;

import ai.lenetlab.frontend.backend.BackendCalls;
import ai.lenetlab.frontend.backend.BackendException;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import jakarta.inject.Inject;

/** Sign in with a LeNet Lab user; the experiment service checks the password. */
@Route("login")
@PageTitle("Sign in · LeNet Lab")
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    final LoginForm form = new LoginForm();
    private final BackendCalls calls;
    private final LoginI18n i18n = LoginI18n.createDefault();

    @Inject
    public LoginView(BackendCalls calls) {
        this.calls = calls;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setForgotPasswordButtonVisible(false);
        form.addLoginListener(e -> signIn(e.getUsername(), e.getPassword()));
        add(
                new H1("LeNet Lab"),
                form,
                new Paragraph("The first admin's password is in the experiment service's "
                        + "log, or in .lenetlab/admin.credentials on a machine started with ./lenetlab up."));
    }

    /** Sent here because the service stopped taking the user's credentials (MainLayout): say so. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("signed-out")) {
            LoginI18n.ErrorMessage error = i18n.getErrorMessage();
            error.setTitle("You were signed out");
            error.setMessage("The lab no longer accepts your sign-in: an admin disabled or removed your user.");
            form.setI18n(i18n);
            form.setError(true);
        }
    }

    /** The password check takes a while (bcrypt): it runs off the UI thread; the form stays disabled meanwhile. */
    void signIn(String username, String password) {
        Credentials credentials = new Credentials(username, password);
        form.setEnabled(false);
        newSessionId();
        calls.fetch(
                this,
                backend -> backend.signIn(credentials),
                user -> {
                    CurrentUser.signIn(credentials, user);
                    getUI().ifPresent(AccessGuard::continueToRequestedPage);
                },
                this::refused);
    }

    /**
     * A new session id with every sign-in attempt (the session itself stays): an id that someone
     * planted in this browser before is worth nothing afterwards (session fixation).
     */
    private static void newSessionId() {
        if (VaadinRequest.getCurrent() instanceof VaadinServletRequest request
                && request.getHttpServletRequest().getSession(false) != null) {
            try {
                request.getHttpServletRequest().changeSessionId();
            } catch (UnsupportedOperationException mock) {
                // browserless tests' requests; BrowserFlowTest checks the real server's cookie
            }
        }
    }

    private void refused(BackendException e) {
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        if (e.status() == 401) {
            error.setTitle("Wrong user name or password");
            error.setMessage("Check them and try again.");
        } else if (e.status() == 429) {
            error.setTitle("Too many failed sign-ins");
            error.setMessage(e.getMessage());
        } else {
            error.setTitle("Cannot sign in right now");
            error.setMessage(e.getMessage());
        }
        form.setI18n(i18n);
        form.setError(true);
        form.setEnabled(true);
    }
}
