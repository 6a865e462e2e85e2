package ai.lenetlab.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Non-linearity after each convolution and hidden fully connected layer. */
public enum Activation implements ConfigChoice {
    @JsonProperty("sigmoid")
    SIGMOID("sigmoid"),
    @JsonProperty("relu")
    RELU("relu"),
    @JsonProperty("tanh")
    TANH("tanh");

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
