package ai.lenetlab.training.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import ai.lenetlab.contracts.RunConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Trained parameters as a safetensors file with the names and shapes of PyTorch's {@code
 * state_dict} for the same network written as an {@code nn.Sequential} (the report's model 1 is one:
 * {@code 0.weight}, {@code 0.bias}, {@code 3.weight}, … {@code 11.bias}), so that {@code
 * net.load_state_dict(safetensors.torch.load_file(f))} works on it. {@link LeNet} has the same
 * layers in the same order as that {@code nn.Sequential}, so a layer's index is its PyTorch name;
 * the layouts already agree (conv {@code [out, in, k, k]}, linear {@code [out, in]}, row-major).
 * DJL writes the file format itself ({@link NDList.Encoding#SAFETENSORS}).
 */
public final class SafetensorsWeights {

    public static final String MEDIA_TYPE = "application/octet-stream";
    public static final String EXTENSION = ".safetensors";

    /** DJL's parameter names where PyTorch's differ (batch norm); the rest keep theirs. */
    private static final Map<String, String> TORCH_NAMES = Map.of(
            "gamma", "weight",
            "beta", "bias",
            "runningMean", "running_mean",
            "runningVar", "running_var");

    private SafetensorsWeights() {}

    /** The safetensors bytes of a DJL parameter file of {@code config}'s architecture. */
    public static byte[] of(RunConfig config, byte[] djlParameters) throws IOException {
        try (Model model = ModelFiles.load(config, new ByteArrayInputStream(djlParameters), Device.cpu())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(djlParameters.length + 4096);
            write(model, out);
            return out.toByteArray();
        }
    }

    /** Writes a loaded model's parameters (batch-norm statistics included) as safetensors. */
    public static void write(Model model, OutputStream out) throws IOException {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList tensors = new NDList();
            List<Block> layers = model.getBlock().getChildren().values();
            for (int index = 0; index < layers.size(); index++) {
                Block layer = layers.get(index);
                for (Pair<String, Parameter> parameter : layer.getParameters()) {
                    String name = TORCH_NAMES.getOrDefault(parameter.getKey(), parameter.getKey());
                    tensors.add(named(parameter.getValue().getArray().duplicate(), index + "." + name));
                }
                if (layer instanceof BatchNorm) {
                    // PyTorch's batch norm also keeps a step count; it matters only with momentum=None,
                    // and DJL does not count, so it is written as 0 (what PyTorch fills in for old files)
                    tensors.add(named(manager.create(0L), index + ".num_batches_tracked"));
                }
            }
            tensors.attach(manager);
            tensors.encode(out, NDList.Encoding.SAFETENSORS);
        }
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
