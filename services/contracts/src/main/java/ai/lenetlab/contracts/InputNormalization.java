package ai.lenetlab.contracts;

/**
 * Pixel scaling: {@code unit} is ToTensor() ([0,1]); {@code centered} adds Normalize((0.5),(0.5))
 * ([-1,1]); {@code standardized} uses the training set's mean 0.2860 and std 0.3530.
 */
public enum InputNormalization implements ConfigChoice {
    UNIT,
    CENTERED,
    STANDARDIZED
}
