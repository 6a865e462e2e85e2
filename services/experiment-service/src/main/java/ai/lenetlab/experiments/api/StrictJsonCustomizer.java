package ai.lenetlab.experiments.api;

import ai.lenetlab.contracts.StrictJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** Request bodies are read strictly ({@link StrictJson}): {@code "epochs":"1"} or a seed of 1.5 is a 400. */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        StrictJson.configure(mapper);
    }
}
