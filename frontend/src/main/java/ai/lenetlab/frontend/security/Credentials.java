package ai.lenetlab.frontend.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user's name and password, kept server-side in their Vaadin session and sent to the API with each call. */
public record Credentials(String username, String password) {

    /** The HTTP basic {@code Authorization} header value. */
    public String authorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]"; // never the password, not even in logs
    }
}
