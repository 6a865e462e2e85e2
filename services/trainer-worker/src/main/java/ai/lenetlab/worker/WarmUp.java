package ai.lenetlab.worker;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Loads the dataset and libtorch when the worker starts, not when the first run arrives, so that
 * a run starts within a second of being submitted. The worker reports ready once this is done.
 */
@Readiness
@ApplicationScoped
class WarmUp implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    @Inject
    DatasetProvider dataset;

    @Inject
    DjlSetup djl; // its system properties must be set before the engine loads

    private volatile boolean done;
    private volatile int threads;
    private volatile String failure;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    void onStart(@Observes StartupEvent event) {
        Thread.ofPlatform().name("warm-up").daemon().start(this::warmUp);
    }

    private void warmUp() {
        long start = System.nanoTime();
        try {
            djl.configure();
            dataset.get();
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.ones(new ai.djl.ndarray.types.Shape(2, 2)).sum().getFloat();
            }
            threads = JniUtils.getNumThreads();
            LOG.infof(
                    "ready: %s %s, %d intra-op threads of %d cores, dataset loaded in %.1f s",
                    Engine.getInstance().getEngineName(),
                    Engine.getInstance().getVersion(),
                    threads,
                    Runtime.getRuntime().availableProcessors(),
                    (System.nanoTime() - start) / 1e9);
            done = true;
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.error("warm-up failed; runs will fail with the same reason: " + failure);
        } finally {
            finished.complete(null);
        }
    }

    /** Completes when the warm-up has ended, well or not: then a run starts without waiting for it. */
    CompletionStage<Void> finished() {
        return finished;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("training-ready")
                .status(done)
                .withData("state", done ? "dataset and libtorch loaded" : failure != null ? failure : "loading")
                .withData("intraOpThreads", threads)
                .build();
    }
}
