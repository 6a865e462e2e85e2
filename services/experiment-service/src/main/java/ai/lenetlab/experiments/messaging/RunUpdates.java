package ai.lenetlab.experiments.messaging;

import ai.lenetlab.contracts.api.RunSummary;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live run changes for the server-sent events stream; subscribers see what happens after they join.
 * A subscriber that falls behind has a few thousand changes buffered; one that falls further behind
 * loses its stream (the web UI reconnects and catches up) rather than silently missing a change — the
 * last run of a burst to end is the one a page waits for. A user's streams end when the user may no
 * longer sign in ({@link #endStreamsOf}): a stream is checked at its start only, like any request.
 */
@ApplicationScoped
public class RunUpdates {

    private final BroadcastProcessor<RunSummary> processor = BroadcastProcessor.create();
    private final BroadcastProcessor<String> endings = BroadcastProcessor.create();
    /** How many streams each user has open. */
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    public void publish(RunSummary update) {
        processor.onNext(update);
    }

    public Multi<RunSummary> stream() {
        return processor.onOverflow().buffer(4096);
    }

    /** The stream of {@code username}: it completes when {@link #endStreamsOf} names them. */
    public Multi<RunSummary> stream(String username) {
        Multi<Optional<RunSummary>> ended =
                endings.select().where(username::equals).map(name -> Optional.empty());
        return Multi.createBy()
                .merging()
                .streams(stream().map(Optional::of), ended)
                .select()
                .first(Optional::isPresent)
                .map(Optional::get)
                .onSubscription()
                .invoke(() -> open.computeIfAbsent(username, name -> new AtomicInteger())
                        .incrementAndGet())
                .onTermination()
                .invoke(() ->
                        open.computeIfPresent(username, (name, count) -> count.decrementAndGet() == 0 ? null : count));
    }

    /** Ends the open streams of {@code username} (disabled or deleted). */
    public void endStreamsOf(String username) {
        endings.onNext(username);
    }

    /** The users with a stream open here. */
    public Set<String> streaming() {
        return Set.copyOf(open.keySet());
    }
}
