package ai.lenetlab.frontend.security;

import ai.lenetlab.frontend.backend.SignedInUser;
import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;
import java.util.function.Supplier;

/** The user signed in to this browser session: set by the login page, read by every call to the API. */
public final class CurrentUser {

    private record Session(Credentials credentials, SignedInUser user) {}

    /** The credentials of a call made for a session off its UI thread (see BackendCalls). */
    private static final ThreadLocal<String> ACTING_AS = new ThreadLocal<>();

    private CurrentUser() {}

    /** Runs {@code call} with {@link #authorization()} answering {@code authorization}, on a thread without a session. */
    public static <T> T actingAs(String authorization, Supplier<T> call) {
        String before = ACTING_AS.get();
        ACTING_AS.set(authorization);
        try {
            return call.get();
        } finally {
            if (before == null) {
                ACTING_AS.remove();
            } else {
                ACTING_AS.set(before);
            }
        }
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
        String acting = ACTING_AS.get();
        if (acting != null) {
            return acting;
        }
        return session().map(s -> s.credentials().authorization()).orElse(null);
    }

    private static Optional<Session> session() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(Session.class));
    }
}
