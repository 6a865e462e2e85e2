package ai.lenetlab.experiments;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/** Puts {@link OpenApiContract} in front of every RestAssured call of every {@code @QuarkusTest}, once. */
public class OpenApiContractOnEveryTest implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(OpenApiContract.INSTANCE)) {
            RestAssured.filters(OpenApiContract.INSTANCE);
        }
    }
}
