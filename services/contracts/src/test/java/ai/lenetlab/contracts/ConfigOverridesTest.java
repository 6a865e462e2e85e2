package ai.lenetlab.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {

    @Test
    void overridesChangeOnlyTheNamedFields() {
        RunConfig c =
                ConfigOverrides.apply(Presets.MODEL_2, Map.of("epochs", 1, "optimizer", "adamw", "dropout", 0.25));

        assertThat(c)
                .isEqualTo(Presets.MODEL_2.toBuilder()
                        .epochs(1)
                        .optimizer(OptimizerType.ADAMW)
                        .dropout(0.25)
                        .build());
    }

    @Test
    void unknownFieldIsRefusedByName() {
        assertThatThrownBy(() -> ConfigOverrides.apply(Presets.MODEL_2, Map.of("epoch", 3)))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(((InvalidConfigException) e).violations())
                        .containsExactly(new ConfigViolation("epoch", "is not a config field")));
    }

    @Test
    void wrongTypeIsRefusedByName() {
        assertThatThrownBy(() -> ConfigOverrides.apply(Presets.MODEL_2, Map.of("batchSize", "big")))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(e -> assertThat(
                                ((InvalidConfigException) e).violations().get(0).field())
                        .isEqualTo("batchSize"));
        assertThatThrownBy(() -> ConfigOverrides.apply(Presets.MODEL_2, Map.of("epochs", 2.5)))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> ConfigOverrides.apply(Presets.MODEL_2, Map.of("optimizer", "rmsprop")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("optimizer");
    }

    @Test
    void configsRoundTripThroughJsonWithLowerCaseIds() throws Exception {
        var json = JsonMapper.builder().build();
        String text = json.writeValueAsString(Presets.LENET_MODERN);

        assertThat(text)
                .contains("\"optimizer\":\"adamw\"", "\"lrSchedule\":\"cosine\"", "\"augmentation\":\"flip-shift\"");
        assertThat(json.readValue(text, RunConfig.class)).isEqualTo(Presets.LENET_MODERN);
    }

    @Test
    void choicesParseCaseInsensitivelyAndListTheAlternatives() {
        assertThat(ConfigChoice.parse(OptimizerType.class, "SGD-Momentum")).isEqualTo(OptimizerType.SGD_MOMENTUM);
        assertThatThrownBy(() -> ConfigChoice.parse(Pooling.class, "min")).hasMessage("'min' is not one of avg, max");
    }
}
