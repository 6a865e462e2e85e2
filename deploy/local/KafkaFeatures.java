import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.SupportedVersionRange;

/**
 * Raises the broker's metadata.version and share.version to the highest this broker supports: a lab whose Kafka storage was formatted by an older Kafka keeps that version's
 * features after the jars are upgraded, and share groups (share.version, the workers' queue) stay off
 * until raised. Run by ./lenetlab up after the broker starts; idempotent:
 *   java -cp 'services/local-infra/target/lib/*' deploy/local/KafkaFeatures.java BOOTSTRAP
 */
public class KafkaFeatures {

    public static void main(String[] args) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            FeatureMetadata features = admin.describeFeatures().featureMetadata().get();
            Map<String, FeatureUpdate> raise = new HashMap<>();
            for (String name : List.of("metadata.version", "share.version")) {
                SupportedVersionRange supported = features.supportedFeatures().get(name);
                FinalizedVersionRange finalized = features.finalizedFeatures().get(name);
                short now = finalized == null ? 0 : finalized.maxVersionLevel();
                if (supported != null && supported.maxVersion() > now) {
                    raise.put(name, new FeatureUpdate(supported.maxVersion(), FeatureUpdate.UpgradeType.UPGRADE));
                }
            }
            if (!raise.isEmpty()) {
                admin.updateFeatures(raise, new org.apache.kafka.clients.admin.UpdateFeaturesOptions()).all().get();
                System.out.println("Kafka features raised: " + raise.keySet());
            }
        }
    }
}
