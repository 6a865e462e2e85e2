package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.FashionMnistClasses;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.Sha256;
import ai.lenetlab.contracts.api.Predictions;
import ai.lenetlab.experiments.domain.ModelArtifact;
import ai.lenetlab.training.model.DjlDefaults;
import ai.lenetlab.training.model.SafetensorsWeights;
import ai.lenetlab.training.train.Classifier;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A completed run's trained model in the forms the API offers: DJL's parameter file as the worker
 * stored it, converted (safetensors for PyTorch), or asked for predictions. Models are loaded with
 * the loader the CLI and the workers use ({@code ModelFiles}), on this process's own DJL engine.
 */
@ApplicationScoped
public class TrainedModels {

    /** A file to download: its bytes, SHA-256 and the name it should be saved under. */
    public record Download(byte[] data, String sha256, String fileName) {}

    @ConfigProperty(name = "lenetlab.djl.cache-dir")
    String cacheDir;

    @ConfigProperty(name = "lenetlab.models.threads")
    int threads;

    @ConfigProperty(name = "lenetlab.models.cached")
    int cached;

    /** Loaded models; one evicted is closed (its tensors live outside the heap). */
    private Cache<CacheKey, Classifier> classifiers;

    @PostConstruct
    void configureDjl() {
        DjlDefaults.apply(cacheDir, threads);
        classifiers = Caffeine.newBuilder()
                .maximumSize(cached)
                .<CacheKey, Classifier>removalListener((key, classifier, cause) -> {
                    if (classifier != null) {
                        classifier.close();
                    }
                })
                .build();
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

    /** At most this many images in one request. */
    public static final int MAX_IMAGES = 100;

    /**
     * What the run's model says of each 28 × 28 grey image (784 bytes). Models are loaded once and
     * kept, the most recently used {@code lenetlab.models.cached} of them; a retried run's new model
     * is a new entry (keyed by its checksum).
     */
    public Predictions predict(UUID run, List<byte[]> images) {
        if (images.isEmpty() || images.size() > MAX_IMAGES) {
            throw new Refusal(Refusal.Kind.INVALID, "send 1–" + MAX_IMAGES + " images; these are " + images.size());
        }
        String sha256 = QuarkusTransaction.requiringNew().call(() -> {
            RunService.find(run);
            List<String> found = ModelArtifact.getEntityManager()
                    .createQuery("select m.sha256 from ModelArtifact m where m.runId = :run", String.class)
                    .setParameter("run", run)
                    .getResultList();
            if (found.isEmpty()) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "run " + run + " has no trained model (yet)");
            }
            return found.get(0);
        });
        float[][] probabilities = probabilities(new CacheKey(run, sha256), images);
        List<Predictions.Prediction> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            List<Double> p = new ArrayList<>(probabilities[i].length);
            int best = 0;
            for (int c = 0; c < probabilities[i].length; c++) {
                p.add((double) probabilities[i][c]);
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            out.add(new Predictions.Prediction(
                    p,
                    best,
                    FashionMnistClasses.NAMES.get(best),
                    Base64.getEncoder().encodeToString(images.get(i))));
        }
        return new Predictions(out);
    }

    private record CacheKey(UUID run, String sha256) {}

    private float[][] probabilities(CacheKey key, List<byte[]> images) {
        while (true) {
            Classifier classifier = classifiers.get(key, k -> load(k.run()));
            try {
                return classifier.probabilities(images);
            } catch (IllegalStateException e) {
                if (!classifier.isClosed()) {
                    throw e;
                } // evicted between the look-up and the call: load it again
            }
        }
    }

    private Classifier load(UUID run) {
        Stored stored = stored(run);
        try {
            return Classifier.load(stored.config, stored.parameters);
        } catch (IOException e) {
            throw new IllegalStateException("run " + run + "'s stored model does not load: " + e.getMessage(), e);
        }
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
