package ai.lenetlab.contracts;

/**
 * Training-time augmentation of each batch: none, random horizontal flip, or flip plus a random
 * shift of up to 2 pixels.
 */
public enum Augmentation implements ConfigChoice {
    NONE,
    FLIP,
    FLIP_SHIFT
}
