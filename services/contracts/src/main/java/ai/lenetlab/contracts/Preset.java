package ai.lenetlab.contracts;

/**
 * A named configuration from the sources (or ours), with where its settings come from.
 *
 * @param id what users type: {@code --preset model-2}, {@code "preset":"model-2"}
 * @param title a short name for lists
 * @param description the source of the settings and anything chosen where the source is silent
 * @param reportedAccuracy the test accuracy the source reports, or null where it reports none
 * @param config the full configuration
 */
public record Preset(String id, String title, String description, Double reportedAccuracy, RunConfig config) {}
