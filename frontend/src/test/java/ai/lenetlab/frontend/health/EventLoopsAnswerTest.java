package ai.lenetlab.frontend.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.EventExecutor;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A parked event loop makes the frontend not ready, though the probe itself is answered by another loop. */
@QuarkusTest
class EventLoopsAnswerTest {

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void oneParkedEventLoopMakesTheFrontendNotReady() throws Exception {
        assertThat(ready().statusCode()).isEqualTo(200);

        List<EventExecutor> loops = new ArrayList<>();
        vertx.nettyEventLoopGroup().forEach(loops::add);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch parked = new CountDownLatch(1);
        loops.get(0)
                .execute(
                        () -> { // what a view waiting under the session lock did to push's event loop
                            parked.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        parked.await();
        try {
            HttpResponse<String> answer = ready();
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("\"stuck\": 1");
        } finally {
            release.countDown();
        }
        assertThat(ready().statusCode()).isEqualTo(200);
    }

    /** Retries until a connection lands on a loop that answers (the parked one answers nothing). */
    private HttpResponse<String> ready() throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (HttpClient http = HttpClient.newHttpClient()) {
                return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(3))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }
}
