package ai.lenetlab.training.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.lenetlab.contracts.RunConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Trained parameters in DJL's parameter format, one file per model. The architecture is not in the
 * file: it comes from the run's config, so a file loads only into the config it was trained with.
 */
public final class ModelFiles {

    private ModelFiles() {}

    /** Writes the parameters (batch-norm statistics included) atomically. */
    public static void save(LeNet net, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path partial = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            net.block().saveParameters(out);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A model of {@code config}'s architecture with the parameters of {@code file}; the caller closes it. */
    public static Model load(RunConfig config, Path file, ai.djl.Device device) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(config, in, device);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** A model of {@code config}'s architecture with the parameters read from {@code in}; the caller closes it. */
    public static Model load(RunConfig config, InputStream in, ai.djl.Device device) throws IOException {
        LeNet net = LeNet.of(config);
        Model model = Model.newInstance("lenet", device, "PyTorch");
        try {
            model.setBlock(net.block());
            net.block().initialize(model.getNDManager(), DataType.FLOAT32, LeNet.INPUT_SHAPE);
            net.block().loadParameters(model.getNDManager(), new DataInputStream(new BufferedInputStream(in)));
            return model;
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IOException("not parameters of this architecture: " + e.getMessage(), e);
        }
    }
}
