package ai.lenetlab.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Pixel scaling: {@code unit} is ToTensor() ([0,1]); {@code centered} adds Normalize((0.5),(0.5)) ([-1,1]); {@code standardized} uses the training set's mean 0.2860 and std 0.3530. */
public enum InputNormalization implements ConfigChoice {
    @JsonProperty("unit")
    UNIT("unit"),
    @JsonProperty("centered")
    CENTERED("centered"),
    @JsonProperty("standardized")
    STANDARDIZED("standardized");

    private final String id;

    InputNormalization(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
