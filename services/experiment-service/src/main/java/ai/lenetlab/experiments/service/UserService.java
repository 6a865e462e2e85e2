package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.api.ApiProblem;
import ai.lenetlab.experiments.domain.Experiment;
import ai.lenetlab.experiments.domain.LabUser;
import ai.lenetlab.experiments.messaging.RunUpdates;
import ai.lenetlab.experiments.security.LabIdentityProvider;
import ai.lenetlab.experiments.security.Roles;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who may use the lab: users, their roles and passwords. A change to a user's password, role or
 * standing is forgotten by the sign-in cache at once, so it takes effect with their next call; once a
 * user is disabled or deleted, their open event streams end.
 */
@ApplicationScoped
public class UserService {

    /** A user as the API shows them (never the password hash). */
    public record UserView(String username, String role, Instant createdAt, boolean disabled) {
        static UserView of(LabUser user) {
            return new UserView(user.username, user.role, user.createdAt, user.disabled);
        }
    }

    public record NewUser(
            @Schema(required = true) String username,
            @Schema(required = true) String password,

            @Schema(
                    required = true,
                    enumeration = {Roles.VIEWER, Roles.RESEARCHER, Roles.ADMIN})
            String role) {}

    /**
     * What an admin changes about a user; absent fields stay as they are. An explicit null is refused
     * (400 naming the field): it says neither "leave it" nor a value to set.
     */
    public static final class UserChange {
        // a class, not a record: Jackson applies a record's Nulls.FAIL to absent fields too
        @JsonSetter(nulls = Nulls.FAIL)
        private String role;

        @JsonSetter(nulls = Nulls.FAIL)
        private Boolean disabled;

        public String role() {
            return role;
        }

        public Boolean disabled() {
            return disabled;
        }
    }

    @Inject
    LabIdentityProvider logins;

    @Inject
    RunUpdates updates;

    @Inject
    AfterCommit afterCommit;

    @Transactional
    public UserView me(String username) {
        return LabUser.byName(username)
                .map(UserView::of)
                .orElseThrow(() -> new Refusal(Refusal.Kind.UNAUTHORIZED, "unknown user"));
    }

    @Transactional
    public void changePassword(String username, String password) {
        List<ApiProblem.Violation> violations = new ArrayList<>();
        checkPassword(password, violations);
        if (!violations.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, "the password is not acceptable", violations);
        }
        LabUser.byName(username).orElseThrow().setPassword(password);
        logins.forget(username);
    }

    @Transactional
    public List<UserView> list() {
        return LabUser.<LabUser>listAll(Sort.by("username")).stream()
                .map(UserView::of)
                .toList();
    }

    @Transactional
    public UserView create(NewUser user) {
        if (user == null) {
            throw new Refusal(Refusal.Kind.INVALID, "send {\"username\", \"password\", \"role\"}");
        }
        List<ApiProblem.Violation> violations = new ArrayList<>();
        if (!LabUser.isValidName(user.username())) {
            violations.add(new ApiProblem.Violation("username", "2–64 characters of a-z, 0-9, '.', '_', '-'"));
        }
        checkPassword(user.password(), violations);
        if (user.role() == null || !Roles.ALL.contains(user.role())) {
            violations.add(new ApiProblem.Violation("role", "one of " + String.join(", ", Roles.ALL)));
        }
        if (!violations.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, "the user is not valid", violations);
        }
        if (LabUser.byName(user.username()).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "user " + user.username() + " exists");
        }
        return UserView.of(LabUser.create(user.username(), user.password(), user.role()));
    }

    /** Changes a role or disables a user; admins cannot demote or disable themselves. */
    @Transactional
    public UserView change(String username, UserChange change, String caller) {
        if (change == null || (change.role() == null && change.disabled() == null)) {
            throw new Refusal(Refusal.Kind.INVALID, "send {\"role\"} and/or {\"disabled\"}");
        }
        if (change.role() != null && !Roles.ALL.contains(change.role())) {
            throw new Refusal(
                    Refusal.Kind.INVALID,
                    "the change is not valid",
                    List.of(new ApiProblem.Violation("role", "one of " + String.join(", ", Roles.ALL))));
        }
        LabUser user = existing(username);
        boolean demotes = change.role() != null && !change.role().equals(Roles.ADMIN);
        if (username.equals(caller) && (demotes || Boolean.TRUE.equals(change.disabled()))) {
            throw new Refusal(Refusal.Kind.CONFLICT, "admins cannot demote or disable themselves; ask another admin");
        }
        if (change.role() != null) {
            user.role = change.role();
        }
        if (change.disabled() != null) {
            user.disabled = change.disabled();
        }
        logins.forget(username);
        if (user.disabled) {
            endStreamsOf(username);
        }
        return UserView.of(user);
    }

    /** Deletes a user who never submitted an experiment (their name keeps naming the owner of runs). */
    @Transactional
    public void delete(String username, String caller) {
        LabUser user = existing(username);
        if (username.equals(caller)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "admins cannot delete themselves; ask another admin");
        }
        if (Experiment.count("owner", username) > 0) {
            throw new Refusal(
                    Refusal.Kind.CONFLICT,
                    "user " + username + " owns experiments; " + "disable them instead (PATCH {\"disabled\": true})");
        }
        user.delete();
        logins.forget(username);
        endStreamsOf(username);
    }

    /** Once the change has committed: a stream reopened before that would still be let in. */
    private void endStreamsOf(String username) {
        afterCommit.run(() -> updates.endStreamsOf(username));
    }

    private static LabUser existing(String username) {
        return (LabUser.isValidName(username) ? LabUser.byName(username) : Optional.<LabUser>empty())
                .orElseThrow(() -> Refusal.notFound("user", username));
    }

    private static void checkPassword(String password, List<ApiProblem.Violation> violations) {
        String problem = LabUser.passwordProblem(password);
        if (problem != null) {
            violations.add(new ApiProblem.Violation("password", problem));
        }
    }
}
