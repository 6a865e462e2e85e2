package ai.lenetlab.worker;

import ai.lenetlab.training.model.DjlDefaults;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * DJL reads these before its engine loads ({@link DjlDefaults}); training uses this worker's share
 * of the cores.
 */
@Startup
@ApplicationScoped
class DjlSetup {

    @ConfigProperty(name = "lenetlab.djl.cache-dir")
    String cacheDir;

    @Inject
    WorkerConfig config;

    @PostConstruct
    void configure() {
        DjlDefaults.apply(cacheDir, config.trainingThreads());
    }
}
