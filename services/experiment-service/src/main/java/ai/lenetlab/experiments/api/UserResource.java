package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.experiments.domain.Experiment;
import ai.lenetlab.experiments.domain.LabUser;
import ai.lenetlab.experiments.security.LabIdentityProvider;
import ai.lenetlab.experiments.security.Roles;
import ai.lenetlab.experiments.service.Refusal;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Who am I, and (admins) who may use LeNet Lab. HTTP basic authentication (LabIdentityProvider). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {

    public record UserView(String username, String role, Instant createdAt, boolean disabled) {
        static UserView of(LabUser user) {
            return new UserView(user.username, user.role, user.createdAt, user.disabled);
        }
    }

    public record NewUser(String username, String password, String role) {}

    /** What an admin changes about a user; absent fields stay as they are. */
    public record UserChange(String role, Boolean disabled) {}

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
                .orElseThrow(() -> new Refusal(Refusal.Kind.UNAUTHORIZED, "unknown user"));
    }

    @POST
    @Path("/me/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change your own password (at least 12 characters, at most 72 bytes)")
    @Transactional
    public Response changePassword(NewPassword body) {
        String password = body == null ? null : body.password();
        List<ApiProblem.Violation> violations = new ArrayList<>();
        checkPassword(password, violations);
        if (!violations.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, "the password is not acceptable", violations);
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
            + "at least 12 characters, at most 72 bytes in UTF-8; role: viewer, researcher or admin. 409 if the name is taken.")
    @Transactional
    public Response create(NewUser body) {
        List<ApiProblem.Violation> violations = new ArrayList<>();
        if (body == null) {
            throw new Refusal(Refusal.Kind.INVALID, "send {\"username\", \"password\", \"role\"}");
        }
        if (!LabUser.isValidName(body.username())) {
            violations.add(new ApiProblem.Violation("username", "2–64 characters of a-z, 0-9, '.', '_', '-'"));
        }
        checkPassword(body.password(), violations);
        if (body.role() == null || !Roles.ALL.contains(body.role())) {
            violations.add(new ApiProblem.Violation("role", "one of " + String.join(", ", Roles.ALL)));
        }
        if (!violations.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, "the user is not valid", violations);
        }
        if (LabUser.byName(body.username()).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "user " + body.username() + " exists");
        }
        LabUser user = LabUser.create(body.username(), body.password(), body.role());
        return Response.status(Response.Status.CREATED).entity(UserView.of(user)).build();
    }

    @PATCH
    @Path("/users/{username}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user's role or disable them (admins only)", description = "{\"role\": ..., "
            + "\"disabled\": true|false}; a disabled user cannot sign in, and their open sessions end at their "
            + "next call. Admins cannot demote or disable themselves (409).")
    @Transactional
    public UserView change(@RestPath String username, UserChange body) {
        if (body == null || (body.role() == null && body.disabled() == null)) {
            throw new Refusal(Refusal.Kind.INVALID, "send {\"role\"} and/or {\"disabled\"}");
        }
        if (body.role() != null && !Roles.ALL.contains(body.role())) {
            throw new Refusal(Refusal.Kind.INVALID, "the change is not valid",
                    List.of(new ApiProblem.Violation("role", "one of " + String.join(", ", Roles.ALL))));
        }
        LabUser user = existing(username);
        boolean demotesSelf = body.role() != null && !body.role().equals(Roles.ADMIN);
        if (isMe(username) && (demotesSelf || Boolean.TRUE.equals(body.disabled()))) {
            throw new Refusal(Refusal.Kind.CONFLICT, "admins cannot demote or disable themselves; "
                    + "ask another admin");
        }
        if (body.role() != null) {
            user.role = body.role();
        }
        if (body.disabled() != null) {
            user.disabled = body.disabled();
        }
        logins.forget(username);
        return UserView.of(user);
    }

    @DELETE
    @Path("/users/{username}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a user who never submitted an experiment (admins only)", description = "409 for "
            + "yourself, and for users who own experiments: disable those instead, so that their name keeps "
            + "naming the owner of their runs.")
    @Transactional
    public Response delete(@RestPath String username) {
        LabUser user = existing(username);
        if (isMe(username)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "admins cannot delete themselves; ask another admin");
        }
        if (Experiment.count("owner", username) > 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "user " + username + " owns experiments; "
                    + "disable them instead (PATCH {\"disabled\": true})");
        }
        user.delete();
        logins.forget(username);
        return Response.noContent().build();
    }

    private LabUser existing(String username) {
        return (LabUser.isValidName(username) ? LabUser.byName(username) : Optional.<LabUser>empty())
                .orElseThrow(() -> Refusal.notFound("user", username));
    }

    private boolean isMe(String username) {
        return identity.getPrincipal().getName().equals(username);
    }

    private static void checkPassword(String password, List<ApiProblem.Violation> violations) {
        String problem = LabUser.passwordProblem(password);
        if (problem != null) {
            violations.add(new ApiProblem.Violation("password", problem));
        }
    }
}
