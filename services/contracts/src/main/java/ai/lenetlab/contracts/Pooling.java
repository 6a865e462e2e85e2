package ai.lenetlab.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** 2×2, stride-2 pooling after each convolution block. */
public enum Pooling implements ConfigChoice {
    @JsonProperty("avg")
    AVG("avg"),
    @JsonProperty("max")
    MAX("max");

    private final String id;

    Pooling(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
