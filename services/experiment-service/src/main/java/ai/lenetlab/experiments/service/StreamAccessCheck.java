package ai.lenetlab.experiments.service;

import ai.lenetlab.experiments.domain.LabUser;
import ai.lenetlab.experiments.messaging.RunUpdates;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ends the event streams of users who may no longer sign in. A stream is authenticated once, when it
 * opens, and then runs for hours: {@link UserService} ends a user's streams as soon as a change to them
 * commits, and this check, every few seconds, ends those a change through another replica of the
 * service left open.
 */
@ApplicationScoped
public class StreamAccessCheck {

    @Inject
    RunUpdates updates;

    @Scheduled(
            every = "${lenetlab.events.access-check-every:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Set<String> streaming = updates.streaming();
        if (streaming.isEmpty()) {
            return;
        }
        Set<String> allowed = QuarkusTransaction.requiringNew()
                .call(() -> LabUser.<LabUser>list("username in ?1 and disabled = false", streaming).stream()
                        .map(user -> user.username)
                        .collect(Collectors.toSet()));
        streaming.stream().filter(name -> !allowed.contains(name)).forEach(updates::endStreamsOf);
    }
}
