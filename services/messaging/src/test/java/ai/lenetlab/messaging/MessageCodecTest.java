package ai.lenetlab.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lenetlab.contracts.EpochMetrics;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunEnvironment;
import ai.lenetlab.contracts.SampleEnvironments;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {

    @Test
    void oversizedRequestsAndControlsAreRefusedUnread() {
        String huge = "{\"pad\":\"" + "x".repeat(MessageCodec.MAX_REQUEST_CHARS) + "\"}";
        assertThatThrownBy(() -> MessageCodec.decodeRequest(huge))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("exceeds the limit");
        assertThatThrownBy(() -> MessageCodec.decodeControl(huge))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void requestsAndEventsRoundTrip() {
        UUID id = UUID.randomUUID();
        RunRequest request = RunRequest.of(id, 2, "s3cr3t", Presets.MODEL_3);
        assertThat(MessageCodec.decodeRequest(MessageCodec.encode(request))).isEqualTo(request);

        RunEvent epoch = RunEvent.epochCompleted(
                id, 2, "s3cr3t", "w1", new EpochMetrics(1, 0.5, 0.8, 0.4, 0.85, 0.01, 3, 20000));
        String json = MessageCodec.encode(epoch);
        assertThat(json)
                .contains("\"type\":\"EPOCH_COMPLETED\"", "\"schemaVersion\":1")
                .doesNotContain("progress");
        assertThat(MessageCodec.decodeEvent(json)).isEqualTo(epoch);
        assertThat(request.toString() + epoch).doesNotContain("s3cr3t"); // log lines never show it
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage \u0000\u0001",
                "[1,2]",
                "{\"schemaVersion\":99,\"runId\":\"00000000-0000-0000-0000-000000000001\"}",
                "{\"runId\":\"00000000-0000-0000-0000-000000000001\",\"attempt\":1}",
                "{\"schemaVersion\":1,\"runId\":\"not-a-uuid\",\"attempt\":1}",
                "{\"schemaVersion\":1,\"runId\":\"00000000-0000-0000-0000-000000000001\",\"attempt\":0}",
                "{\"schemaVersion\":1,\"runId\":\"00000000-0000-0000-0000-000000000001\",\"attempt\":1}"
            })
    void unreadableRequestsArePoison(String json) {
        assertThatThrownBy(() -> MessageCodec.decodeRequest(json)).isInstanceOf(PoisonMessageException.class);
    }

    @Test
    void requestWithAnInvalidConfigIsPoisonNamingTheField() {
        String json = MessageCodec.encode(RunRequest.of(
                UUID.randomUUID(), 1, "s", Presets.MODEL_2.toBuilder().epochs(0).build()));

        assertThatThrownBy(() -> MessageCodec.decodeRequest(json))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("epochs: must be between 1 and 200");
    }

    @Test
    void eventWithoutItsPayloadIsPoison() {
        String json =
                "{\"schemaVersion\":1,\"type\":\"COMPLETED\",\"runId\":\"" + UUID.randomUUID() + "\",\"attempt\":1}";

        assertThatThrownBy(() -> MessageCodec.decodeEvent(json)).hasMessageContaining("COMPLETED without result");
    }

    @Test
    void aResultTheServiceCouldNotStoreOrCompareIsPoison() {
        String prefix = "{\"schemaVersion\":1,\"type\":\"COMPLETED\",\"runId\":\"" + UUID.randomUUID()
                + "\",\"attempt\":1,\"result\":";
        String tenByTen = "[" + String.join(",", java.util.Collections.nCopies(10, "[1,0,0,0,0,0,0,0,0,0]")) + "]";
        String tenAccuracies = "[" + String.join(",", java.util.Collections.nCopies(10, "0.9")) + "]";

        assertThatThrownBy(() -> MessageCodec.decodeEvent(
                        prefix + "{\"totalSeconds\":1,\"confusionMatrix\":[[1,2],[3,4]],\"perClassAccuracy\":"
                                + tenAccuracies + "}}"))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("confusionMatrix must be 10 × 10");
        assertThatThrownBy(() -> MessageCodec.decodeEvent(prefix + "{\"totalSeconds\":1,\"confusionMatrix\":" + tenByTen
                        + ",\"perClassAccuracy\":[0.9]}}"))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("perClassAccuracy must have 10");
        assertThat(MessageCodec.decodeEvent(prefix + "{\"totalSeconds\":1,\"confusionMatrix\":" + tenByTen
                                + ",\"perClassAccuracy\":" + tenAccuracies + ",\"testPredictions\":\"AAE=\"}}")
                        .result()
                        .testPredictions())
                .containsExactly(0, 1);
    }

    @Test
    void aResultCarriesItsEnvironmentAndOlderResultsHaveNone() {
        RunEnvironment environment = SampleEnvironments.SERVER;
        int[][] confusion = new int[10][10];
        RunEvent completed = RunEvent.completed(
                UUID.randomUUID(),
                1,
                "secret",
                "w1",
                new RunResult(confusion, Collections.nCopies(10, 0.0), List.of(), 1, null, null, null, environment));

        String json = MessageCodec.encode(completed);
        assertThat(json).contains("\"environment\":{\"labVersion\":\"1.0.0-SNAPSHOT\"");
        assertThat(MessageCodec.decodeEvent(json).result().environment()).isEqualTo(environment);

        String older = json.replaceAll(",\"environment\":\\{[^}]*\\{[^}]*\\}\\}", "");
        assertThat(older).doesNotContain("environment");
        assertThat(MessageCodec.decodeEvent(older).result().environment()).isNull();
    }

    private static final WorkerEvent.Identity WORKER =
            new WorkerEvent.Identity("worker-1", "lab-host", "cpu", 2, java.time.Instant.parse("2026-01-02T03:04:05Z"));

    @Test
    void workerEventsRoundTripBesideRunEvents() {
        UUID run = UUID.randomUUID();
        WorkerEvent training = WorkerEvent.of(WORKER, WorkerEvent.State.TRAINING, run, 3, 10, 4);
        String json = MessageCodec.encode(training);
        assertThat(json).contains("\"type\":\"WORKER\"", "\"state\":\"training\"", "\"schemaVersion\":1");
        assertThat(MessageCodec.decodeEventMessage(json)).isEqualTo(training);

        WorkerEvent idle = WorkerEvent.of(WORKER, WorkerEvent.State.IDLE, null, null, null, 5);
        assertThat(MessageCodec.encode(idle)).doesNotContain("runId", "epoch");
        assertThat(MessageCodec.decodeEventMessage(MessageCodec.encode(idle))).isEqualTo(idle);

        RunEvent heartbeat = RunEvent.heartbeat(run, 1, "s3cr3t", "worker-1");
        assertThat(MessageCodec.decodeEventMessage(MessageCodec.encode(heartbeat)))
                .isEqualTo(heartbeat);
    }

    /** What a service older than worker events does with one: poison (dead-lettered), not a crash. */
    @Test
    void aRunEventReaderRefusesAWorkerEventAsPoison() {
        String json = MessageCodec.encode(WorkerEvent.of(WORKER, WorkerEvent.State.IDLE, null, null, null, 0));
        assertThatThrownBy(() -> MessageCodec.decodeEvent(json)).isInstanceOf(PoisonMessageException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"schemaVersion\":2,\"type\":\"WORKER\",\"workerId\":\"w\",\"host\":\"h\",\"device\":\"cpu\","
                        + "\"threads\":1,\"state\":\"idle\",\"runsDone\":0,\"startedAt\":\"2026-01-01T00:00:00Z\","
                        + "\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"schemaVersion\":1,\"type\":\"WORKER\",\"host\":\"h\",\"device\":\"cpu\",\"threads\":1,"
                        + "\"state\":\"idle\",\"runsDone\":0,\"startedAt\":\"2026-01-01T00:00:00Z\",\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"schemaVersion\":1,\"type\":\"WORKER\",\"workerId\":\"w\",\"host\":\"h\",\"device\":\"tpu\","
                        + "\"threads\":1,\"state\":\"idle\",\"runsDone\":0,\"startedAt\":\"2026-01-01T00:00:00Z\","
                        + "\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"schemaVersion\":1,\"type\":\"WORKER\",\"workerId\":\"w\",\"host\":\"h\",\"device\":\"cpu\","
                        + "\"threads\":0,\"state\":\"idle\",\"runsDone\":0,\"startedAt\":\"2026-01-01T00:00:00Z\","
                        + "\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"schemaVersion\":1,\"type\":\"WORKER\",\"workerId\":\"w\",\"host\":\"h\",\"device\":\"cpu\","
                        + "\"threads\":1,\"state\":\"lost\",\"runsDone\":0,\"startedAt\":\"2026-01-01T00:00:00Z\","
                        + "\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"schemaVersion\":1,\"type\":\"WORKER\",\"workerId\":\"w\",\"host\":\"h\",\"device\":\"cpu\","
                        + "\"threads\":1,\"state\":\"training\",\"runsDone\":0,\"startedAt\":\"2026-01-01T00:00:00Z\","
                        + "\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"schemaVersion\":1,\"type\":\"WORKER\",\"workerId\":\"w\",\"host\":\"h\",\"device\":\"cpu\","
                        + "\"threads\":1,\"state\":\"idle\",\"runId\":\"00000000-0000-0000-0000-000000000001\","
                        + "\"runsDone\":0,\"startedAt\":\"2026-01-01T00:00:00Z\",\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"schemaVersion\":1,\"type\":\"WORKER\",\"workerId\":\"w\",\"host\":\"h\",\"device\":\"cpu\","
                        + "\"threads\":1,\"state\":\"idle\",\"runsDone\":-1,\"startedAt\":\"2026-01-01T00:00:00Z\","
                        + "\"at\":\"2026-01-01T00:00:00Z\"}",
                "{\"schemaVersion\":1,\"type\":\"WORKER\",\"workerId\":\"w\",\"host\":\"h\",\"device\":\"cpu\","
                        + "\"threads\":1,\"state\":\"idle\",\"runsDone\":0}"
            })
    void unusableWorkerEventsArePoison(String json) {
        assertThatThrownBy(() -> MessageCodec.decodeEventMessage(json)).isInstanceOf(PoisonMessageException.class);
    }
}
