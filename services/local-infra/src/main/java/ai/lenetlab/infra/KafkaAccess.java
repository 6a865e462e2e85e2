package ai.lenetlab.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on LeNet Lab's Kafka, said once: the experiment service alone writes run requests
 * and control messages, the workers alone write run events, each reads only what it needs in its own
 * consumer groups, both may write dead letters; the admin (tools, tests) is a super user of the broker
 * and needs no ACL. Everyone else is refused: the broker's StandardAuthorizer denies what no ACL
 * allows. Applied by {@code ./lenetlab up} (deploy/local/stack.sh) to SCRAM-SHA-512 users;
 * deploy/k8s/base/kafka.yaml says the same for Strimzi's KafkaUsers.
 */
public final class KafkaAccess {

    public static final String SERVICE = "lenetlab-service";
    public static final String WORKER = "lenetlab-worker";

    private static final String REQUESTS = "lenetlab.run-requests";
    private static final String EVENTS = "lenetlab.run-events";
    private static final String CONTROL = "lenetlab.run-control";
    private static final String DEAD_LETTER = "lenetlab.dead-letter";
    private static final String ALL_TOPICS = "lenetlab.";

    private KafkaAccess() {}

    /** The experiment service: creates missing topics at start, hands out runs, reads the workers' events. */
    public static List<AclBinding> service(String user) {
        String principal = "User:" + user;
        return List.of(
                topic(principal, REQUESTS, AclOperation.WRITE),
                topic(principal, CONTROL, AclOperation.WRITE),
                topic(principal, EVENTS, AclOperation.READ),
                topic(principal, DEAD_LETTER, AclOperation.WRITE),
                prefixed(principal, ResourceType.TOPIC, ALL_TOPICS, AclOperation.DESCRIBE),
                prefixed(principal, ResourceType.TOPIC, ALL_TOPICS, AclOperation.CREATE),
                allow(principal, ResourceType.GROUP, "experiment-service", PatternType.LITERAL, AclOperation.READ));
    }

    /** A trainer worker: reads requests and control messages, writes events; never creates topics. */
    public static List<AclBinding> worker(String user) {
        String principal = "User:" + user;
        return List.of(
                topic(principal, REQUESTS, AclOperation.READ),
                topic(principal, CONTROL, AclOperation.READ),
                topic(principal, EVENTS, AclOperation.WRITE),
                topic(principal, DEAD_LETTER, AclOperation.WRITE),
                prefixed(principal, ResourceType.TOPIC, ALL_TOPICS, AclOperation.DESCRIBE),
                allow(
                        principal,
                        ResourceType.GROUP,
                        "lenetlab-trainer-workers",
                        PatternType.LITERAL,
                        AclOperation.READ),
                // the share group every worker takes run requests from; a worker sets its start offset
                allow(principal, ResourceType.GROUP, "lenetlab-trainers", PatternType.LITERAL, AclOperation.READ),
                allow(
                        principal,
                        ResourceType.GROUP,
                        "lenetlab-trainers",
                        PatternType.LITERAL,
                        AclOperation.ALTER_CONFIGS),
                prefixed(principal, ResourceType.GROUP, "lenetlab-worker-", AclOperation.READ));
    }

    /**
     * Sets the passwords of the SCRAM-SHA-512 users (the admin's too: a broker formatted without it gets
     * it here) and grants the service's and the workers' ACLs. Idempotent: passwords are set again, ACLs
     * that exist stay.
     */
    public static void grant(
            Admin admin, String adminUser, String adminPassword, String servicePassword, String workerPassword)
            throws InterruptedException, ExecutionException {
        List<UserScramCredentialAlteration> users = List.of(
                scram(adminUser, adminPassword), scram(SERVICE, servicePassword), scram(WORKER, workerPassword));
        admin.alterUserScramCredentials(users).all().get();
        List<AclBinding> acls = new ArrayList<>(service(SERVICE));
        acls.addAll(worker(WORKER));
        admin.createAcls(acls).all().get();
    }

    /**
     * {@code KafkaAccess BOOTSTRAP MECHANISM ADMIN_FILE SERVICE_FILE WORKER_FILE}: {@link #grant} as the
     * admin, who signs in with MECHANISM (SCRAM-SHA-512; PLAIN only while an older broker is secured, see
     * stack.sh). Each file holds {@code user:password}: passwords never show in a process list.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: KafkaAccess BOOTSTRAP MECHANISM ADMIN_FILE SERVICE_FILE WORKER_FILE");
        }
        String[] admin = credentials(Path.of(args[2]));
        try (Admin client = Admin.create(adminLogin(args[0], args[1], Path.of(args[2])))) {
            grant(client, admin[0], admin[1], credentials(Path.of(args[3]))[1], credentials(Path.of(args[4]))[1]);
        }
    }

    /** The settings of an admin client that signs in with {@code mechanism} as the user of {@code credentials}. */
    public static Map<String, Object> adminLogin(String bootstrap, String mechanism, Path credentials)
            throws IOException {
        String[] admin = credentials(credentials);
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG,
                "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM,
                mechanism,
                SaslConfigs.SASL_JAAS_CONFIG,
                jaas(mechanism, admin[0], admin[1]));
    }

    /** The client login of {@code user}: for SCRAM-SHA-512, or PLAIN. */
    public static String jaas(String mechanism, String user, String password) {
        String module = mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + user + "\" password=\"" + password + "\";";
    }

    /** The client settings of a SCRAM-SHA-512 login, from a file of {@code user:password} such as stack.sh writes. */
    public static Map<String, Object> scramLogin(Path credentials) throws IOException {
        String[] user = credentials(credentials);
        return Map.of(
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG,
                "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM,
                "SCRAM-SHA-512",
                SaslConfigs.SASL_JAAS_CONFIG,
                jaas("SCRAM-SHA-512", user[0], user[1]));
    }

    private static String[] credentials(Path file) throws IOException {
        String line = Files.readString(file).strip();
        int colon = line.indexOf(':');
        if (colon < 1) {
            throw new IOException(file + " does not hold user:password");
        }
        return new String[] {line.substring(0, colon), line.substring(colon + 1)};
    }

    private static UserScramCredentialUpsertion scram(String user, String password) {
        return new UserScramCredentialUpsertion(
                user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password);
    }

    private static AclBinding topic(String principal, String name, AclOperation operation) {
        return allow(principal, ResourceType.TOPIC, name, PatternType.LITERAL, operation);
    }

    private static AclBinding prefixed(String principal, ResourceType type, String prefix, AclOperation operation) {
        return allow(principal, type, prefix, PatternType.PREFIXED, operation);
    }

    private static AclBinding allow(
            String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
