package ai.lenetlab.worker;

import ai.lenetlab.dataset.DatasetLocator;
import ai.lenetlab.dataset.FashionMnist;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Fashion-MNIST, loaded and verified once, on the first run (uint8: ~55 MB in memory). */
@ApplicationScoped
class DatasetProvider {

    @Inject
    WorkerConfig config;

    private volatile FashionMnist data;

    FashionMnist get() {
        FashionMnist loaded = data;
        if (loaded == null) {
            synchronized (this) {
                if (data == null) {
                    Path dir = config.dataDir()
                            .filter(s -> !s.isBlank())
                            .map(Path::of)
                            .orElse(null);
                    data = DatasetLocator.standard().load(DatasetLocator.explicitDir(dir));
                }
                loaded = data;
            }
        }
        return loaded;
    }
}
