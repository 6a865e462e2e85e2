package ai.lenetlab.frontend.security;

import ai.lenetlab.frontend.backend.SignedInUser;
import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;

/** The user signed in to this browser session: set by the login page, read by every call to the API. */
public final class CurrentUser {

    private record Session(Credentials credentials, SignedInUser user) {}

    private CurrentUser() {
    }

    public static void signIn(Credentials credentials, SignedInUser user) {
        VaadinSession.getCurrent().setAttribute(Session.class, new Session(credentials, user));
    }

    public static void signOut() {
        VaadinSession session = VaadinSession.getCurrent();
        session.setAttribute(Session.class, null);
        session.getSession().invalidate();
    }

    public static Optional<SignedInUser> user() {
        return session().map(Session::user);
    }

    /** The Authorization header for API calls made for this session; null when nobody is signed in. */
    public static String authorization() {
        return session().map(s -> s.credentials().authorization()).orElse(null);
    }

    private static Optional<Session> session() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(Session.class));
    }
}
