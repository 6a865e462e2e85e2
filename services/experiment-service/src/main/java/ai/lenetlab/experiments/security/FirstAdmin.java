package ai.lenetlab.experiments.security;

import ai.lenetlab.experiments.domain.LabUser;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first start with an empty user table creates an admin with a generated password, shown once
 * in the log and, where configured, written to a file only its owner can read (./lenetlab up uses
 * .lenetlab/admin.credentials so scripts on the machine can call the API). There is no default
 * password: a fixed one can only be given explicitly (tests do).
 */
@ApplicationScoped
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @ConfigProperty(name = "lenetlab.security.initial-admin", defaultValue = "admin")
    String username;

    @ConfigProperty(name = "lenetlab.security.initial-admin-password")
    Optional<String> givenPassword;

    @ConfigProperty(name = "lenetlab.security.admin-credentials-file")
    Optional<Path> credentialsFile;

    @Transactional
    void onStart(@Observes StartupEvent event) {
        if (LabUser.count("role", Roles.ADMIN) > 0) {
            return;
        }
        String password = givenPassword.filter(p -> !p.isBlank()).orElseGet(FirstAdmin::generatePassword);
        LabUser.create(username, password, Roles.ADMIN);
        if (credentialsFile.isPresent()) {
            write(credentialsFile.get(), username + ":" + password + "\n");
            LOG.warnf(
                    "Created the first admin '%s'; the password is in %s (readable by its owner only)",
                    username, credentialsFile.get());
        } else if (givenPassword.isEmpty()) {
            LOG.warnf(
                    "Created the first admin '%s' with password %s  (shown this once: note it, then change it "
                            + "with POST /api/me/password)",
                    username, password);
        }
    }

    static String generatePassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, String content) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin credentials to " + file, e);
        }
    }
}
