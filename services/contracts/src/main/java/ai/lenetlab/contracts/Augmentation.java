package ai.lenetlab.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Training-time augmentation of each batch: none, random horizontal flip, or flip plus a random shift of up to 2 pixels. */
public enum Augmentation implements ConfigChoice {
    @JsonProperty("none")
    NONE("none"),
    @JsonProperty("flip")
    FLIP("flip"),
    @JsonProperty("flip-shift")
    FLIP_SHIFT("flip-shift");

    private final String id;

    Augmentation(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
