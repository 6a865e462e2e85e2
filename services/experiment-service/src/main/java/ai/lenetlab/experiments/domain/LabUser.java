package ai.lenetlab.experiments.domain;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A user of the API and the web UI: a bcrypt hash of the password (modular crypt format) and one role. */
@Entity
@Table(name = "app_user")
public class LabUser extends PanacheEntityBase {

    /** bcrypt's cost: 2^12 rounds, ~0.2 s per login check on this project's machines. */
    static final int BCRYPT_COST = 12;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    public String passwordHash;

    public String role;

    public Instant createdAt;

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

    /** What a login check needs, detached from the database session. */
    public record Credentials(String passwordHash, String role) {
        public boolean matches(String password) {
            return BcryptUtil.matches(password, passwordHash);
        }
    }

    public Credentials credentials() {
        return new Credentials(passwordHash, role);
    }

    public static Optional<LabUser> byName(String username) {
        return find("username", username).firstResultOptional();
    }
}
