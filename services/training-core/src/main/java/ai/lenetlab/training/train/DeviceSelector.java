package ai.lenetlab.training.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Where to train: {@code LENETLAB_DEVICE} (or {@code -Dlenetlab.device}) = {@code auto} (a GPU when
 * DJL sees one, else the CPU), {@code cpu} or {@code gpu}.
 */
public final class DeviceSelector {

    private DeviceSelector() {}

    public static Device select() {
        String wanted = System.getProperty("lenetlab.device", System.getenv("LENETLAB_DEVICE"));
        return select(wanted == null ? "auto" : wanted, Engine.getInstance().getGpuCount());
    }

    static Device select(String wanted, int gpus) {
        return switch (wanted.trim().toLowerCase(Locale.ROOT)) {
            case "", "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalStateException("LENETLAB_DEVICE=gpu, but the PyTorch engine sees no GPU "
                            + "(is a CUDA build of libtorch on the classpath, and the driver present?)");
                }
                yield Device.gpu();
            }
            default ->
                throw new IllegalArgumentException("LENETLAB_DEVICE must be auto, cpu or gpu, was '" + wanted + "'");
        };
    }
}
