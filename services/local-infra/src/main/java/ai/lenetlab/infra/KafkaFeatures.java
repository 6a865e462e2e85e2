package ai.lenetlab.infra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.SupportedVersionRange;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;

/**
 * Raises the broker's metadata.version and share.version to the highest this broker supports: a lab whose
 * Kafka storage was formatted by an older Kafka keeps that version's features after the jars are upgraded,
 * and share groups (share.version, the workers' queue) stay off until raised. Run by ./lenetlab up as the
 * admin once the broker is up; idempotent.
 */
public final class KafkaFeatures {

    private KafkaFeatures() {}

    /** {@code KafkaFeatures BOOTSTRAP MECHANISM ADMIN_FILE}: the admin signs in as for {@link KafkaAccess}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: KafkaFeatures BOOTSTRAP MECHANISM ADMIN_FILE");
        }
        try (Admin admin = Admin.create(KafkaAccess.adminLogin(args[0], args[1], Path.of(args[2])))) {
            FeatureMetadata features =
                    admin.describeFeatures().featureMetadata().get();
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
                admin.updateFeatures(raise, new UpdateFeaturesOptions()).all().get();
                System.out.println("Kafka features raised: " + raise.keySet());
            }
        }
    }
}
