package ai.lenetlab.experiments.security;

import ai.lenetlab.experiments.domain.LabUser;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Checks HTTP basic credentials against the users in PostgreSQL. bcrypt is slow on purpose (~0.2 s of
 * CPU per check), and basic auth sends the password with every call, so a verified password is
 * remembered as a salted SHA-256 while it is in use ({@link SignInConfig#remember()}): repeat calls cost
 * microseconds, and a changed password is forgotten at once. Everything else goes through
 * {@link SignInThrottle} (per name and {@link SignInClient}) and bcrypt in one of a bounded number of
 * {@link PasswordCheckSlots}, unknown names included (against a decoy hash, so that they take as long as
 * known ones). Identical credentials from one client checked at the same time (a page opening several
 * streams) share one check; different passwords never wait for each other. The metric
 * {@code lenetlab.sign.ins} counts outcomes: remembered, verified, wrong, throttled, busy.
 */
@ApplicationScoped
public class LabIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private record Verified(byte[] digest, String role) {}

    private final SignInThrottle throttle;
    private final PasswordCheckSlots slots;
    private final MeterRegistry metrics;
    private final Cache<String, Verified> verified;
    /** The digest of the password that last succeeded per name; it is still checked with bcrypt. */
    private final Cache<String, byte[]> knownGood;
    /** Checks in progress, by client, name and password digest; each entry leaves when its check ends. */
    private final Map<String, CompletableFuture<String>> inProgress = new ConcurrentHashMap<>();

    private final byte[] salt = new byte[32];
    private final LabUser.Credentials decoy;

    LabIdentityProvider(SignInThrottle throttle, PasswordCheckSlots slots, SignInConfig config, MeterRegistry metrics) {
        this.throttle = throttle;
        this.slots = slots;
        this.metrics = metrics;
        this.verified = Caffeine.newBuilder()
                .expireAfterAccess(config.remember())
                .maximumSize(config.trackedNames())
                .build();
        this.knownGood = Caffeine.newBuilder()
                .expireAfterWrite(config.knownGoodFor())
                .maximumSize(config.trackedNames())
                .build();
        SecureRandom random = new SecureRandom();
        random.nextBytes(salt);
        byte[] unguessable = new byte[24];
        random.nextBytes(unguessable);
        this.decoy = LabUser.Credentials.of(HexFormat.of().formatHex(unguessable), Roles.VIEWER);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String username = request.getUsername();
        String password = new String(request.getPassword().getPassword());
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> identity(username, role(username, password, () -> clientOf(http))));
    }

    private static String clientOf(RoutingContext http) {
        if (http == null || http.request().remoteAddress() == null) {
            return "unknown";
        }
        SocketAddress peer = http.request().remoteAddress();
        SocketAddress local = http.request().localAddress();
        return SignInClient.of(
                peer.hostAddress(),
                peer.port(),
                local == null ? null : local.hostAddress(),
                local == null ? -1 : local.port());
    }

    /** Forgets a remembered login, e.g. after the password or the role changed. */
    public void forget(String username) {
        verified.invalidate(username);
        knownGood.invalidate(username);
    }

    private String role(String username, String password, Supplier<String> clients) {
        byte[] digest = digest(password);
        Verified known = verified.getIfPresent(username);
        if (known != null && MessageDigest.isEqual(known.digest(), digest)) {
            count("remembered");
            return known.role();
        }
        String client = clients.get();
        // a guesser's refusal must not become the user's answer: checks are shared within a client only
        String key = client + '\0' + username + '\0' + HexFormat.of().formatHex(digest);
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = inProgress.putIfAbsent(key, mine);
        if (running != null) {
            return join(running);
        }
        try {
            byte[] good = knownGood.getIfPresent(username);
            String role = check(username, client, password, good != null && MessageDigest.isEqual(good, digest));
            verified.put(username, new Verified(digest, role));
            knownGood.put(username, digest);
            mine.complete(role);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
        } finally {
            inProgress.remove(key);
        }
        return join(mine);
    }

    private String check(String username, String client, String password, boolean knownGood) {
        try {
            throttle.begin(username, client, knownGood);
        } catch (SignInThrottledException e) {
            count("throttled");
            throw new AuthenticationFailedException(e.getMessage(), e);
        }
        LabUser.Credentials matched;
        try {
            matched = slots.run(knownGood, () -> matching(username, password));
        } catch (SignInBusyException e) {
            throttle.abandoned(username, client);
            count("busy");
            throw new AuthenticationFailedException(e.getMessage(), e);
        }
        if (matched == null) {
            throttle.failed(username, client);
            count("wrong");
            throw new AuthenticationFailedException("wrong user name or password");
        }
        throttle.succeeded(username, client);
        count("verified");
        return matched.role();
    }

    /** The user's credentials if the password is theirs, else null; unknown names are checked against the decoy. */
    private LabUser.Credentials matching(String username, String password) {
        // only valid names reach the database (PostgreSQL refuses some characters, e.g. NUL, with an error);
        // the row is read in a short transaction and bcrypt runs after it, holding no connection
        LabUser.Credentials stored = !LabUser.isValidName(username)
                ? null
                : QuarkusTransaction.requiringNew()
                        .call(() -> LabUser.byName(username)
                                .map(LabUser::credentials)
                                .orElse(null));
        boolean matches = (stored != null ? stored : decoy).matches(password);
        return stored != null && matches ? stored : null;
    }

    private void count(String outcome) {
        metrics.counter("lenetlab.sign.ins", "outcome", outcome).increment();
    }

    private static String join(CompletableFuture<String> check) {
        try {
            return check.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static SecurityIdentity identity(String username, String role) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRole(role)
                .build();
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
