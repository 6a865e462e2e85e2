package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.Sha256;
import ai.lenetlab.experiments.domain.ModelArtifact;
import ai.lenetlab.training.model.DjlDefaults;
import ai.lenetlab.training.model.SafetensorsWeights;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A completed run's trained model in the forms the API offers: DJL's parameter file as the worker
 * stored it, or converted (safetensors for PyTorch). Conversions load the model with the loader the
 * CLI and the workers use ({@code ModelFiles}), on this process's own DJL engine.
 */
@ApplicationScoped
public class TrainedModels {

    /** A file to download: its bytes, SHA-256 and the name it should be saved under. */
    public record Download(byte[] data, String sha256, String fileName) {}

    @ConfigProperty(name = "lenetlab.djl.cache-dir")
    String cacheDir;

    @ConfigProperty(name = "lenetlab.models.threads")
    int threads;

    @PostConstruct
    void configureDjl() {
        DjlDefaults.apply(cacheDir, threads);
    }

    /** DJL's parameter file, as trained. */
    public Download djl(UUID run) {
        Stored stored = stored(run);
        return new Download(stored.parameters, stored.sha256, "lenet-" + run + ".params");
    }

    /** The weights with the names and shapes of PyTorch's {@code nn.Sequential} ({@link SafetensorsWeights}). */
    public Download safetensors(UUID run) {
        Stored stored = stored(run);
        byte[] data;
        try {
            data = SafetensorsWeights.of(stored.config, stored.parameters);
        } catch (IOException e) {
            throw new IllegalStateException("run " + run + "'s stored model does not load: " + e.getMessage(), e);
        }
        return new Download(data, Sha256.hex(data), "lenet-" + run + SafetensorsWeights.EXTENSION);
    }

    private record Stored(RunConfig config, byte[] parameters, String sha256) {}

    private static Stored stored(UUID run) {
        return QuarkusTransaction.requiringNew().call(() -> {
            RunConfig config = RunService.find(run).config;
            ModelArtifact model = ModelArtifact.findById(run);
            if (model == null) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "run " + run + " has no trained model (yet)");
            }
            return new Stored(config, model.data, model.sha256);
        });
    }
}
