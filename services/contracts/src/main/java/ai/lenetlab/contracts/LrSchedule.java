package ai.lenetlab.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Learning rate per epoch: constant, {@code StepLR(step_size, gamma)} stepped once per epoch, or cosine annealing to zero over all epochs. */
public enum LrSchedule implements ConfigChoice {
    @JsonProperty("none")
    NONE("none"),
    @JsonProperty("step")
    STEP("step"),
    @JsonProperty("cosine")
    COSINE("cosine");

    private final String id;

    LrSchedule(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
