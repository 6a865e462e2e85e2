package ai.lenetlab.experiments.api;

import ai.lenetlab.experiments.security.Roles;
import ai.lenetlab.experiments.service.UserService;
import ai.lenetlab.experiments.service.UserService.NewUser;
import ai.lenetlab.experiments.service.UserService.UserChange;
import ai.lenetlab.experiments.service.UserService.UserView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Who am I, and (admins) who may use LeNet Lab. HTTP basic authentication (LabIdentityProvider). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {

    public record NewPassword(@Schema(required = true) String password) {}

    @Inject
    SecurityIdentity identity;

    @Inject
    UserService users;

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "The signed-in user and their role")
    public UserView me() {
        return users.me(caller());
    }

    @POST
    @Path("/me/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change your own password (at least 12 characters, at most 72 bytes)")
    @APIResponse(responseCode = "204", description = "Changed")
    public Response changePassword(NewPassword body) {
        users.changePassword(caller(), body == null ? null : body.password());
        return Response.noContent().build();
    }

    @GET
    @Path("/users")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "All users (admins only)")
    public List<UserView> list() {
        return users.list();
    }

    @POST
    @Path("/users")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add a user (admins only)",
            description =
                    "username: 2–64 of a-z 0-9 . _ -; password: "
                            + "at least 12 characters, at most 72 bytes in UTF-8; role: viewer, researcher or admin. 409 if the name is taken.")
    @APIResponse(
            responseCode = "201",
            description = "Added: the user",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    public Response create(NewUser body) {
        return Response.status(Response.Status.CREATED)
                .entity(users.create(body))
                .build();
    }

    @PATCH
    @Path("/users/{username}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a user's role or disable them (admins only)",
            description = "{\"role\": ..., "
                    + "\"disabled\": true|false}; a disabled user cannot sign in, and their open sessions end at their "
                    + "next call. Admins cannot demote or disable themselves (409).")
    public UserView change(@RestPath String username, UserChange body) {
        return users.change(username, body, caller());
    }

    @DELETE
    @Path("/users/{username}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Delete a user who never submitted an experiment (admins only)",
            description = "409 for "
                    + "yourself, and for users who own experiments: disable those instead, so that their name keeps "
                    + "naming the owner of their runs.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@RestPath String username) {
        users.delete(username, caller());
        return Response.noContent().build();
    }

    private String caller() {
        return identity.getPrincipal().getName();
    }
}
