package ai.lenetlab.experiments.messaging;

import ai.lenetlab.contracts.api.RunSummary;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live run changes for the server-sent events stream; subscribers see what happens after they join.
 * A subscriber that falls behind has a few thousand changes buffered; one that falls further behind
 * loses its stream (the web UI reconnects and catches up) rather than silently missing a change — the
 * last run of a burst to end is the one a page waits for.
 */
@ApplicationScoped
public class RunUpdates {

    private final BroadcastProcessor<RunSummary> processor = BroadcastProcessor.create();

    public void publish(RunSummary update) {
        processor.onNext(update);
    }

    public Multi<RunSummary> stream() {
        return processor.onOverflow().buffer(4096);
    }
}
