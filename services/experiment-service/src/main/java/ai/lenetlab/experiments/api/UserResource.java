package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.experiments.domain.LabUser;
import ai.lenetlab.experiments.security.LabIdentityProvider;
import ai.lenetlab.experiments.security.Roles;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who am I, and (admins) who may use LeNet Lab. HTTP basic authentication (LabIdentityProvider). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 128;

    public record UserView(String username, String role, Instant createdAt) {
        static UserView of(LabUser user) {
            return new UserView(user.username, user.role, user.createdAt);
        }
    }

    public record NewUser(String username, String password, String role) {}

    public record NewPassword(String password) {}

    @Inject
    SecurityIdentity identity;

    @Inject
    LabIdentityProvider logins;

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "The signed-in user and their role")
    @Transactional
    public UserView me() {
        return LabUser.byName(identity.getPrincipal().getName()).map(UserView::of)
                .orElseThrow(() -> new ApiException(Response.Status.UNAUTHORIZED, "unknown user"));
    }

    @POST
    @Path("/me/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change your own password (12–128 characters)")
    @Transactional
    public Response changePassword(NewPassword body) {
        String password = body == null ? null : body.password();
        List<ApiProblem.Violation> violations = new ArrayList<>();
        checkPassword(password, violations);
        if (!violations.isEmpty()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "the password is not acceptable", violations);
        }
        LabUser.byName(identity.getPrincipal().getName()).orElseThrow().setPassword(password);
        logins.forget(identity.getPrincipal().getName());
        return Response.noContent().build();
    }

    @GET
    @Path("/users")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "All users (admins only)")
    @Transactional
    public List<UserView> list() {
        return LabUser.<LabUser>listAll(Sort.by("username")).stream().map(UserView::of).toList();
    }

    @POST
    @Path("/users")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user (admins only)", description = "username: 2–64 of a-z 0-9 . _ -; password: "
            + "12–128 characters; role: viewer, researcher or admin. 409 if the name is taken.")
    @Transactional
    public Response create(NewUser body) {
        List<ApiProblem.Violation> violations = new ArrayList<>();
        if (body == null) {
            throw new ApiException(Response.Status.BAD_REQUEST, "send {\"username\", \"password\", \"role\"}");
        }
        if (body.username() == null || !USERNAME.matcher(body.username()).matches()) {
            violations.add(new ApiProblem.Violation("username", "2–64 characters of a-z, 0-9, '.', '_', '-'"));
        }
        checkPassword(body.password(), violations);
        if (body.role() == null || !Roles.ALL.contains(body.role())) {
            violations.add(new ApiProblem.Violation("role", "one of " + String.join(", ", Roles.ALL)));
        }
        if (!violations.isEmpty()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "the user is not valid", violations);
        }
        if (LabUser.byName(body.username()).isPresent()) {
            throw new ApiException(Response.Status.CONFLICT, "user " + body.username() + " exists");
        }
        LabUser user = LabUser.create(body.username(), body.password(), body.role());
        return Response.status(Response.Status.CREATED).entity(UserView.of(user)).build();
    }

    private static void checkPassword(String password, List<ApiProblem.Violation> violations) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            violations.add(new ApiProblem.Violation("password", MIN_PASSWORD + "–" + MAX_PASSWORD + " characters"));
        }
    }
}
