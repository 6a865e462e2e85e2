package ai.lenetlab.contracts;

/** How conv and linear weights start. Biases always start as PyTorch's default: U(±1/√fan_in). */
public enum WeightInit implements ConfigChoice {
    PYTORCH_DEFAULT,
    XAVIER_UNIFORM
}
