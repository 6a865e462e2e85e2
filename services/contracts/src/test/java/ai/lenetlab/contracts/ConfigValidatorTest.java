package ai.lenetlab.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidatorTest {

    @Test
    void everyPresetIsValid() {
        for (Preset preset : Presets.all()) {
            assertThat(ConfigValidator.validate(preset.config()))
                    .as(preset.id())
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "epochs, 0",
        "epochs, 201",
        "batchSize, 0",
        "batchSize, 4097",
        "learningRate, 0",
        "learningRate, 10.5",
        "conv1Channels, 0",
        "conv2Channels, 257",
        "kernelSize, 4",
        "fc1Units, 0",
        "fc2Units, 5000",
        "dropout, 1",
        "dropout, -0.1",
        "momentum, 1",
        "weightDecay, 1.5",
        "lrStepSize, 0",
        "lrGamma, 0",
        "lrGamma, 1.5",
        "seed, -1",
        "trainSamples, 60001",
        "testSamples, -1"
    })
    void outOfBoundsValuesAreNamed(String field, String value) throws Exception {
        Object number = new ObjectMapper().readValue(value, Object.class); // 0 → Integer, 10.5 → Double
        RunConfig bad = ConfigOverrides.apply(Presets.MODEL_2, Map.of(field, number));

        List<ConfigViolation> violations = ConfigValidator.validate(bad);

        assertThat(violations).extracting(ConfigViolation::field).containsExactly(field);
    }

    @Test
    void missingChoicesAreRequired() {
        RunConfig bad = Presets.D2L.toBuilder().optimizer(null).activation(null).build();

        assertThat(ConfigValidator.validate(bad))
                .extracting(ConfigViolation::toString)
                .contains("optimizer: is required", "activation: is required");
    }

    @Test
    void batchLargerThanTheTrainingSubsetIsRefused() {
        RunConfig bad = Presets.MODEL_2.toBuilder().trainSamples(100).build();

        assertThatThrownBy(() -> ConfigValidator.requireValid(bad))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("batchSize: must not exceed trainSamples (100), was 256");
    }

    @Test
    void everyFieldsBoundsReadAsTheValidatorWordsThem() {
        assertThat(ConfigValidator.bounds("conv1Channels")).isEqualTo("between 1 and 256");
        assertThat(ConfigValidator.bounds("learningRate")).isEqualTo("in (0, 10.0]");
        assertThat(ConfigValidator.bounds("dropout")).isEqualTo("in [0.0, 1.0)");
        assertThat(ConfigValidator.bounds("kernelSize")).isEqualTo("3, 5 or 7");
        assertThat(ConfigValidator.bounds("trainSamples")).isEqualTo("between 0 and 60000");
        assertThat(ConfigValidator.bounds("batchNorm")).isEqualTo("true or false");
        assertThat(ConfigValidator.bounds("optimizer")).startsWith("one of sgd").contains("adamw");
        for (String field : ConfigFields.of(Presets.MODEL_2).keySet()) {
            assertThat(ConfigValidator.bounds(field)).as(field).isNotBlank();
        }
    }
}
