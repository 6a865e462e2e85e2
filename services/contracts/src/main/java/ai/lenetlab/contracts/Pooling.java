package ai.lenetlab.contracts;

/** 2×2, stride-2 pooling after each convolution block. */
public enum Pooling implements ConfigChoice {
    AVG,
    MAX
}
