package ai.lenetlab.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How conv and linear weights start. Biases always start as PyTorch's default: U(±1/√fan_in). */
public enum WeightInit implements ConfigChoice {
    @JsonProperty("pytorch-default")
    PYTORCH_DEFAULT("pytorch-default"),
    @JsonProperty("xavier-uniform")
    XAVIER_UNIFORM("xavier-uniform");

    private final String id;

    WeightInit(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
