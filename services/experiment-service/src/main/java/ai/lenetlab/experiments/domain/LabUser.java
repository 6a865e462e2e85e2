package ai.lenetlab.experiments.domain;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user of the API and the web UI: a bcrypt hash of the password (modular crypt format), one role, and
 * whether an admin disabled them.
 */
@Entity
@Table(name = "app_user")
public class LabUser extends PanacheEntityBase {

    /** bcrypt's cost: 2^12 rounds, ~0.2 s per login check on this project's machines. */
    static final int BCRYPT_COST = 12;

    /** 2–64 of a-z 0-9 . _ - starting with a letter or digit. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    public static final int MIN_PASSWORD_CHARS = 12;
    /** bcrypt reads 72 bytes and ignores the rest: longer passwords are refused rather than cut. */
    public static final int MAX_PASSWORD_BYTES = 72;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    public String passwordHash;

    public String role;

    public Instant createdAt;

    public boolean disabled;

    public static LabUser create(String username, String password, String role) {
        LabUser user = new LabUser();
        user.username = username;
        user.setPassword(password);
        user.role = role;
        user.createdAt = Instant.now();
        user.persist();
        return user;
    }

    public void setPassword(String password) {
        passwordHash = BcryptUtil.bcryptHash(password, BCRYPT_COST);
    }

    public static boolean isValidName(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /** Why a password cannot be used, or null if it can. */
    public static String passwordProblem(String password) {
        if (password == null || password.length() < MIN_PASSWORD_CHARS) {
            return "at least " + MIN_PASSWORD_CHARS + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return "at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (bcrypt ignores the rest)";
        }
        return null;
    }

    /** What a login check needs, detached from the database session; a disabled user matches no password. */
    public record Credentials(String passwordHash, String role, boolean disabled) {
        public static Credentials of(String password, String role) {
            return new Credentials(BcryptUtil.bcryptHash(password, BCRYPT_COST), role, false);
        }

        public boolean matches(String password) {
            return BcryptUtil.matches(password, passwordHash) && !disabled;
        }
    }

    public Credentials credentials() {
        return new Credentials(passwordHash, role, disabled);
    }

    public static Optional<LabUser> byName(String username) {
        return find("username", username).firstResultOptional();
    }
}
