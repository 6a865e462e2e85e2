package ai.lenetlab.experiments.security;

import ai.lenetlab.experiments.domain.LabUser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks HTTP basic credentials against the users in PostgreSQL. bcrypt is slow on purpose (~0.1–0.3 s
 * of CPU per check), and basic auth sends the password with every call, so a successful check is
 * remembered for a minute as a salted SHA-256 of the password: repeat calls cost microseconds,
 * a wrong password still goes to bcrypt, and a changed password is forgotten at once.
 */
@ApplicationScoped
public class LabIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final Duration REMEMBER = Duration.ofMinutes(1);

    private record Verified(byte[] digest, String role, long expiresAt) {}

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Map<String, Object> checking = new ConcurrentHashMap<>();
    private final byte[] salt = new byte[32];

    public LabIdentityProvider() {
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        return context.runBlocking(() -> identity(username, role(username, password)));
    }

    /** Forgets a remembered login, e.g. after the password changed. */
    public void forget(String username) {
        verified.remove(username);
    }

    private String role(String username, String password) {
        byte[] digest = digest(password);
        String role = remembered(username, digest);
        if (role != null) {
            return role;
        }
        // the same user's concurrent first calls (a page opening many streams) wait for one bcrypt check
        synchronized (checking.computeIfAbsent(username, name -> new Object())) {
            role = remembered(username, digest);
            if (role != null) {
                return role;
            }
            // the row is read in a short transaction; bcrypt runs after it, holding no connection
            LabUser.Credentials stored = QuarkusTransaction.requiringNew().call(() -> LabUser.byName(username)
                    .map(LabUser::credentials).orElse(null));
            if (stored == null || !stored.matches(password)) {
                verified.remove(username);
                throw new AuthenticationFailedException("wrong user name or password");
            }
            verified.put(username, new Verified(digest, stored.role(), System.nanoTime() + REMEMBER.toNanos()));
            return stored.role();
        }
    }

    private String remembered(String username, byte[] digest) {
        Verified known = verified.get(username);
        return known != null && known.expiresAt() - System.nanoTime() > 0 && MessageDigest.isEqual(known.digest(), digest)
                ? known.role() : null;
    }

    private static SecurityIdentity identity(String username, String role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username)).addRole(role).build();
    }

    private byte[] digest(String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
