package ai.lenetlab.training.train;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.LayerInfo;
import java.util.List;

/**
 * What a run reports while it trains. Called on the training thread: keep it quick (throttle,
 * hand off) since it sits in the batch loop.
 */
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {};

    default void onStart(String device, long parameters, List<LayerInfo> layers) {}

    default void onBatch(BatchProgress progress) {}

    default void onEpoch(EpochMetrics metrics) {}
}
