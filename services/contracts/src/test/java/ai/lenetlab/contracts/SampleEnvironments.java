package ai.lenetlab.contracts;

import java.util.Map;

/** What runs trained on, for the tests of every module (the contracts' test jar carries it). */
public final class SampleEnvironments {

    /** The CI's machine: two cores, two intra-op threads. */
    public static final RunEnvironment SERVER = new RunEnvironment(
            "1.0.0-SNAPSHOT",
            "131a54bb3a3307609538f13a67333f08e70a1205",
            "25.0.1+8-LTS (Eclipse Adoptium)",
            "0.36.0",
            "2.7.1",
            "cpu()",
            "AMD EPYC 7B13, 2 cores",
            2,
            "Linux 6.1.0 amd64",
            Map.of("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"));

    /** The same build and data on another CPU and thread count. */
    public static final RunEnvironment LAPTOP = new RunEnvironment(
            SERVER.labVersion(),
            SERVER.labCommit(),
            SERVER.jdk(),
            SERVER.djl(),
            SERVER.libtorch(),
            SERVER.device(),
            "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz, 8 cores",
            4,
            SERVER.os(),
            SERVER.datasetSha256());

    private SampleEnvironments() {}
}
