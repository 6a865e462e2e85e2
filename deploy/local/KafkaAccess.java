import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Gives the trainer workers of other machines a Kafka user (SCRAM-SHA-512) that may do what a
 * worker does and nothing else: read run requests and control messages, write run events and dead
 * letters, in its consumer groups. Run by ./lenetlab up --listen against the loopback listener:
 *   java -cp 'services/local-infra/target/lib/*' deploy/local/KafkaAccess.java BOOTSTRAP USER PASSWORD
 * Idempotent: the password is set again and existing ACLs stay.
 */
public class KafkaAccess {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String user = args[1];
        String password = args[2];
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get();
            String principal = "User:" + user;
            admin.createAcls(List.of(
                    allow(principal, ResourceType.TOPIC, "lenetlab.run-requests", PatternType.LITERAL, AclOperation.READ),
                    allow(principal, ResourceType.TOPIC, "lenetlab.run-control", PatternType.LITERAL, AclOperation.READ),
                    allow(principal, ResourceType.TOPIC, "lenetlab.run-events", PatternType.LITERAL, AclOperation.WRITE),
                    allow(principal, ResourceType.TOPIC, "lenetlab.dead-letter", PatternType.LITERAL, AclOperation.WRITE),
                    allow(principal, ResourceType.TOPIC, "lenetlab.", PatternType.PREFIXED, AclOperation.DESCRIBE),
                    allow(principal, ResourceType.GROUP, "lenetlab-trainer-workers", PatternType.LITERAL, AclOperation.READ),
                    allow(principal, ResourceType.GROUP, "lenetlab-worker-", PatternType.PREFIXED, AclOperation.READ)))
                    .all().get();
        }
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
