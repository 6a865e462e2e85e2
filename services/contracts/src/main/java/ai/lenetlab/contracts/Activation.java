package ai.lenetlab.contracts;

/** Non-linearity after each convolution and hidden fully connected layer. */
public enum Activation implements ConfigChoice {
    SIGMOID,
    RELU,
    TANH
}
