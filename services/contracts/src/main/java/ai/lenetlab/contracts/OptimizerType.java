package ai.lenetlab.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Update rule, with PyTorch's semantics: {@code adam} adds weight decay to the gradient (L2, like {@code torch.optim.Adam(weight_decay=…)}), {@code adamw} decouples it. */
public enum OptimizerType implements ConfigChoice {
    @JsonProperty("sgd")
    SGD("sgd"),
    @JsonProperty("sgd-momentum")
    SGD_MOMENTUM("sgd-momentum"),
    @JsonProperty("adam")
    ADAM("adam"),
    @JsonProperty("adamw")
    ADAMW("adamw");

    private final String id;

    OptimizerType(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
