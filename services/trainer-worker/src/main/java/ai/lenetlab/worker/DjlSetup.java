package ai.lenetlab.worker;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * DJL reads these before its engine loads: libtorch comes from the class path (offline, never a
 * download), its cache goes where configured, and no telemetry is sent.
 */
@Startup
@ApplicationScoped
class DjlSetup {

    @ConfigProperty(name = "lenetlab.djl.cache-dir")
    String cacheDir;

    @PostConstruct
    void configure() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", cacheDir);
        }
    }
}
