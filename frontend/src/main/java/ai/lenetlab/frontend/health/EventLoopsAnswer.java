package ai.lenetlab.frontend.health;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while every Vert.x event loop runs a no-op within a second. A parked event loop serves
 * nothing that lands on it (pages, push, the REST client's replies), yet a probe that happens to land
 * on another loop would still be answered; this check sees them all. (A hung frontend once answered
 * every other request.)
 */
@Readiness
@ApplicationScoped
public class EventLoopsAnswer implements HealthCheck {

    private static final Duration LIMIT = Duration.ofSeconds(1);

    private final Vertx vertx;

    public EventLoopsAnswer(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public HealthCheckResponse call() {
        List<EventExecutor> loops = new ArrayList<>();
        vertx.nettyEventLoopGroup().forEach(loops::add);
        CountDownLatch answered = new CountDownLatch(loops.size());
        loops.forEach(loop -> loop.execute(answered::countDown));
        boolean all;
        try {
            all = answered.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all = false;
        }
        return HealthCheckResponse.named("event loops")
                .status(all)
                .withData("loops", loops.size())
                .withData("stuck", answered.getCount())
                .build();
    }
}
