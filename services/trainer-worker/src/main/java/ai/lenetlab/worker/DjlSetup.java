package ai.lenetlab.worker;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * DJL reads these before its engine loads: libtorch comes from the class path (offline, never a
 * download), its cache goes where configured, no telemetry is sent, and training uses this worker's
 * share of the cores.
 */
@Startup
@ApplicationScoped
class DjlSetup {

    static final String THREADS = "ai.djl.pytorch.num_threads";

    @ConfigProperty(name = "lenetlab.djl.cache-dir")
    String cacheDir;

    @Inject
    WorkerConfig config;

    @PostConstruct
    void configure() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", cacheDir);
        }
        if (System.getProperty(THREADS) == null) { // a -D on the command line wins
            System.setProperty(THREADS, String.valueOf(config.trainingThreads()));
        }
    }
}
