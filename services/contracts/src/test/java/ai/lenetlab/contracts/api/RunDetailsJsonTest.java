package ai.lenetlab.contracts.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.StrictJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code GET /api/runs/{id}} keeps its flat JSON although RunDetails holds a RunSummary. */
class RunDetailsJsonTest {

    private final ObjectMapper json = StrictJson.configure(new ObjectMapper());

    private final EpochMetrics first = new EpochMetrics(1, 0.9, 0.7, 0.8, 0.72, 0.01, 3.5, 15_000);
    private final RunSummary summary = new RunSummary(
            UUID.randomUUID(),
            UUID.randomUUID(),
            "exp",
            2,
            "model-2",
            7,
            RunStatus.RUNNING,
            1,
            14,
            "w-1",
            "cpu",
            new RunProgress(2, 14, 10, 235, 0.61, 0.77),
            0.08,
            first,
            null,
            null,
            null,
            4.5,
            null);
    private final RunDetails details = new RunDetails(
            summary,
            3,
            Presets.MODEL_2,
            61_706L,
            List.of(),
            List.of(first),
            first,
            first,
            null,
            null,
            null,
            false,
            false,
            null,
            null,
            null,
            0,
            List.of());

    @Test
    void theSummarysFieldsAreTopLevelAndEpochsIsTheList() throws Exception {
        JsonNode tree = json.valueToTree(details);

        assertThat(tree.has("summary")).isFalse();
        assertThat(tree.get("id").asText()).isEqualTo(summary.id().toString());
        assertThat(tree.get("status").asText()).isEqualTo("RUNNING");
        assertThat(tree.get("seed").asLong()).isEqualTo(7);
        assertThat(tree.get("workerId").asText()).isEqualTo("w-1");
        assertThat(tree.get("progress").get("batch").asInt()).isEqualTo(10);
        assertThat(tree.get("maxAttempts").asInt()).isEqualTo(3);
        assertThat(tree.get("failures").asInt()).isZero();
        assertThat(tree.get("epochs").isArray()).isTrue();
        assertThat(tree.get("epochs").get(0).get("testAccuracy").asDouble()).isEqualTo(0.72);
    }

    @Test
    void anAttemptSaysHowItEndedInLowerCase() throws Exception {
        RunAttempt lost = new RunAttempt(2, "w-1", 1, 3, RunAttempt.Ended.LOST, null, null);
        assertThat(json.valueToTree(lost).get("ended").asText()).isEqualTo("lost");
        assertThat(json.readValue(json.writeValueAsString(lost), RunAttempt.class))
                .isEqualTo(lost);
        assertThat(json.valueToTree(details).get("attempts").isArray()).isTrue();
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        RunDetails read = json.readValue(json.writeValueAsString(details), RunDetails.class);

        assertThat(read.epochs()).containsExactly(first);
        assertThat(read.config()).isEqualTo(Presets.MODEL_2);
        assertThat(read.summary().id()).isEqualTo(summary.id());
        assertThat(read.summary().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(read.summary().progress()).isEqualTo(summary.progress());
        assertThat(read.summary().lastEpoch()).isEqualTo(first);
    }
}
