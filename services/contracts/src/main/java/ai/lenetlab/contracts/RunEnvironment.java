package ai.lenetlab.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run ran on, recorded by the process that trained it: enough to tell why two runs of one
 * config differ when the machine does.
 *
 * @param labVersion LeNet Lab's version, e.g. {@code 1.0.0-SNAPSHOT}
 * @param labCommit the git commit it was built from ({@code +dirty} with uncommitted changes;
 *     {@code unknown} when built outside a git clone)
 * @param jdk the Java runtime, e.g. {@code 25.0.1+8-LTS (Eclipse Adoptium)}
 * @param djl DJL's version
 * @param libtorch the PyTorch native library's version
 * @param device where it trained, e.g. {@code cpu()} or {@code gpu(0)}
 * @param cpu the processor's model name and the cores the JVM sees
 * @param intraOpThreads libtorch's intra-op threads
 * @param os operating system, version and architecture
 * @param datasetSha256 each Fashion-MNIST file → the SHA-256 of its decompressed bytes (the loader
 *     refuses files whose checksum differs)
 */
public record RunEnvironment(
        String labVersion,
        String labCommit,
        String jdk,
        String djl,
        String libtorch,
        String device,
        String cpu,
        Integer intraOpThreads,
        String os,
        Map<String, String> datasetSha256) {

    /** The fields as rows, in this order, by their JSON names; a row per dataset file ({@code datasetSha256.<file>}). */
    public Map<String, Object> rows() {
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("labVersion", labVersion);
        rows.put("labCommit", labCommit);
        rows.put("jdk", jdk);
        rows.put("djl", djl);
        rows.put("libtorch", libtorch);
        rows.put("device", device);
        rows.put("cpu", cpu);
        rows.put("intraOpThreads", intraOpThreads);
        rows.put("os", os);
        if (datasetSha256 != null) {
            datasetSha256.forEach((file, sha) -> rows.put("datasetSha256." + file, sha));
        }
        return rows;
    }
}
