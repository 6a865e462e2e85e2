package ai.lenetlab.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import ai.djl.pytorch.jni.JniUtils;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.contracts.TestPredictions;
import ai.lenetlab.dataset.DatasetLocator;
import ai.lenetlab.infra.KafkaResource;
import ai.lenetlab.infra.KafkaTestClient;
import ai.lenetlab.messaging.MessageCodec;
import ai.lenetlab.messaging.RunControl;
import ai.lenetlab.messaging.RunEvent;
import ai.lenetlab.messaging.RunEventType;
import ai.lenetlab.messaging.RunRequest;
import ai.lenetlab.messaging.Topics;
import ai.lenetlab.messaging.WorkerEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real worker, a real broker, real (small) training on the real dataset. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class TrainerWorkerTest {

    private static final Duration WAIT = Duration.ofMinutes(3);
    /** Two short epochs on a subset: seconds on two cores. */
    private static final RunConfig SMALL = Presets.MODEL_2.toBuilder()
            .epochs(2)
            .trainSamples(1024)
            .testSamples(256)
            .build();

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                DatasetLocator.installed().isPresent(), DatasetLocator.NOT_INSTALLED);
        kafka = new KafkaTestClient(KafkaResource.kafka().bootstrapServers());
    }

    @AfterEach
    void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void twoWorkersOnOneMachineEachTrainWithHalfItsCores() {
        // the test profile says two workers share this machine (./lenetlab up --workers 2 does the same)
        int half = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        await().atMost(WAIT).until(() -> RestAssured.get("/q/health/ready").statusCode() == 200);
        RestAssured.get("/q/health/ready")
                .then()
                .body("checks.find { it.name == 'training-ready' }.data.intraOpThreads", equalTo(half));
        assertThat(JniUtils.getNumThreads()).as("libtorch's own setting").isEqualTo(half);
    }

    @Test
    void trainsARequestedRunAndReportsEveryStep() {
        UUID run = UUID.randomUUID();
        request(RunRequest.of(run, 1, "secret-of-" + run, SMALL));

        List<RunEvent> events = eventsOf(run, e -> e.type() == RunEventType.COMPLETED);

        assertThat(events)
                .extracting(RunEvent::type)
                .containsSubsequence(
                        RunEventType.STARTED,
                        RunEventType.EPOCH_COMPLETED,
                        RunEventType.EPOCH_COMPLETED,
                        RunEventType.COMPLETED);
        RunEvent started = events.get(0);
        assertThat(started.device()).isEqualTo("cpu()");
        assertThat(started.parameters()).isEqualTo(61_706);
        assertThat(started.layers()).hasSize(12);
        RunEvent completed = events.stream()
                .filter(e -> e.type() == RunEventType.COMPLETED)
                .findFirst()
                .orElseThrow();
        int total = 0;
        for (int[] row : completed.result().confusionMatrix()) {
            for (int c : row) {
                total += c;
            }
        }
        assertThat(total).isEqualTo(256);
        // every test image's true and predicted class, a byte each, adding up to the confusion matrix
        byte[] perImage = completed.result().testPredictions();
        assertThat(perImage).hasSize(256);
        int[][] counted = new int[10][10];
        for (byte b : perImage) {
            counted[TestPredictions.trueLabel(b)][TestPredictions.predicted(b)]++;
        }
        assertThat(counted).isDeepEqualTo(completed.result().confusionMatrix());
        assertThat(Base64.getDecoder().decode(completed.result().model())).hasSizeGreaterThan(61_706 * 4);
        // what it trained on, with the result: this worker's threads (RunEnvironmentsTest checks the rest)
        assertThat(completed.result().environment().device()).isEqualTo(started.device());
        assertThat(completed.result().environment().intraOpThreads())
                .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        assertThat(completed.result().environment().datasetSha256()).hasSize(4);
        assertThat(events)
                .allMatch(e -> e.attempt() == 1
                        && e.workerId().equals(started.workerId())
                        && e.attemptSecret().equals("secret-of-" + run)); // the service accepts no other
    }

    @Test
    void poisonOnEveryTopicItReadsGoesToTheDeadLetterTopicAndTheWorkerCarriesOn() {
        kafka.send(Topics.RUN_REQUESTS, "poison-1", "this is not json");
        kafka.send(
                Topics.RUN_REQUESTS,
                "poison-2",
                MessageCodec.encode(RunRequest.of(
                                UUID.randomUUID(),
                                1,
                                "s",
                                SMALL.toBuilder().epochs(0).build()))
                        .replace("\"epochs\":0", "\"epochs\":-3"));
        kafka.sendBytes(Topics.RUN_REQUESTS, "poison-3", new byte[] {(byte) 0xC3, 0x28, 0, 0x7f});
        kafka.send(Topics.RUN_REQUESTS, "poison-4", "{\"schemaVersion\":2,\"runId\":\"" + UUID.randomUUID() + "\"}");
        kafka.send(Topics.RUN_REQUESTS, "poison-5", "{\"pad\":\"" + "x".repeat(512 * 1024) + "\"}");
        UUID good = UUID.randomUUID();
        request(RunRequest.of(good, 1, "s", SMALL.toBuilder().epochs(1).build()));

        eventsOf(good, e -> e.type() == RunEventType.COMPLETED);
        // cancellations are read from "now" on: sent once the worker surely listens
        kafka.send(Topics.RUN_CONTROL, "poison-6", "cancel everything");
        kafka.send(Topics.RUN_CONTROL, "poison-7", "{\"schemaVersion\":9,\"action\":\"CANCEL\"}");
        kafka.send(Topics.RUN_CONTROL, "poison-8", "{\"pad\":\"" + "x".repeat(MessageCodec.MAX_REQUEST_CHARS) + "\"}");
        for (String key : List.of(
                "poison-1", "poison-2", "poison-3", "poison-4", "poison-5", "poison-6", "poison-7", "poison-8")) {
            kafka.await(Topics.DEAD_LETTER, r -> key.equals(r.key()), WAIT);
        }
    }

    @Test
    void aCancelStopsTheRunWithinABatch() {
        UUID run = UUID.randomUUID();
        request(RunRequest.of(
                run, 1, "s", SMALL.toBuilder().epochs(50).trainSamples(60_000).build()));
        eventsOf(run, e -> e.type() == RunEventType.STARTED);

        kafka.send(Topics.RUN_CONTROL, run.toString(), MessageCodec.encode(RunControl.cancel(run, 1)));

        RunEvent last = eventsOf(run, e -> e.type().isFinal()).stream()
                .filter(e -> e.type().isFinal())
                .findFirst()
                .orElseThrow();
        assertThat(last.type()).isEqualTo(RunEventType.CANCELLED);
        assertThat(last.error()).contains("epoch 1");
    }

    @Test
    void aRedeliveredRequestIsNotTrainedTwice() {
        UUID run = UUID.randomUUID();
        RunRequest request =
                RunRequest.of(run, 1, "s", SMALL.toBuilder().epochs(1).build());
        request(request);
        request(request);
        UUID after = UUID.randomUUID();
        request(RunRequest.of(after, 1, "s", SMALL.toBuilder().epochs(1).build()));

        eventsOf(after, e -> e.type() == RunEventType.COMPLETED);
        eventsOf(run, e -> e.type() == RunEventType.COMPLETED);
        // every request handled (committed), then the run's events to the topic's end: a second
        // training would show up here even if it started after the first one completed
        List<RunEvent> all = kafka
                .afterConsumed(
                        Topics.TRAINERS,
                        Topics.RUN_REQUESTS,
                        Topics.RUN_EVENTS,
                        r -> r.key().equals(run.toString()),
                        WAIT)
                .stream()
                .map(r -> MessageCodec.decodeEvent(r.value()))
                .toList();
        assertThat(all).filteredOn(e -> e.type() == RunEventType.STARTED).hasSize(1);
        assertThat(all).filteredOn(e -> e.type() == RunEventType.COMPLETED).hasSize(1);
    }

    @Test
    void announcesItselfIdleThenTrainingEachEpochThenIdleAgainAndRepeatsItAsAHeartbeat() {
        int half = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        // two idle announcements in a row, nothing changed between them: ready, then a heartbeat
        List<WorkerEvent> beat = workerEvents(found -> repeatedIdle(found) != null);
        WorkerEvent idle = repeatedIdle(beat);
        assertThat(idle.device()).isEqualTo("cpu");
        assertThat(idle.threads()).isEqualTo(half);
        assertThat(idle.host()).isNotBlank();
        assertThat(idle.startedAt()).isBefore(idle.at());

        UUID run = UUID.randomUUID();
        request(RunRequest.of(run, 1, "s", SMALL));
        eventsOf(run, e -> e.type() == RunEventType.COMPLETED);

        List<WorkerEvent> all = workerEvents(found -> found.stream()
                .anyMatch(w -> w.state() == WorkerEvent.State.IDLE && w.runsDone() > runsDoneTraining(found, run)));
        List<WorkerEvent> training =
                all.stream().filter(w -> run.equals(w.runId())).toList();
        assertThat(training)
                .allMatch(w ->
                        w.state() == WorkerEvent.State.TRAINING && w.workerId().equals(idle.workerId()));
        assertThat(training).extracting(WorkerEvent::epoch).containsSubsequence(1, 2);
        assertThat(training).extracting(WorkerEvent::epochs).containsOnly((Integer) null, 2);
        WorkerEvent after = all.get(all.indexOf(training.get(training.size() - 1)) + 1);
        assertThat(after.state()).isEqualTo(WorkerEvent.State.IDLE);
        assertThat(after.runsDone()).isEqualTo(training.get(0).runsDone() + 1);
    }

    /** The first of two idle announcements in a row about the same runs done, at least 4 s apart (interval 5 s). */
    private static WorkerEvent repeatedIdle(List<WorkerEvent> found) {
        for (int i = 1; i < found.size(); i++) {
            WorkerEvent a = found.get(i - 1);
            WorkerEvent b = found.get(i);
            if (a.state() == WorkerEvent.State.IDLE
                    && b.state() == WorkerEvent.State.IDLE
                    && a.runsDone() == b.runsDone()
                    && !b.at().isBefore(a.at().plusSeconds(4))) {
                return a;
            }
        }
        return null;
    }

    private static int runsDoneTraining(List<WorkerEvent> found, UUID run) {
        return found.stream()
                .filter(w -> run.equals(w.runId()))
                .mapToInt(WorkerEvent::runsDone)
                .findFirst()
                .orElse(Integer.MAX_VALUE);
    }

    /** This worker's announcements from the start of the events topic, until {@code done}. */
    private List<WorkerEvent> workerEvents(Predicate<List<WorkerEvent>> done) {
        return announcements(kafka.readUntil(
                Topics.RUN_EVENTS,
                r -> r.value().contains("\"type\":\"WORKER\""),
                found -> done.test(announcements(found)),
                WAIT));
    }

    private static List<WorkerEvent> announcements(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(r -> (WorkerEvent) MessageCodec.decodeEventMessage(r.value()))
                .toList();
    }

    private void request(RunRequest request) {
        kafka.send(Topics.RUN_REQUESTS, request.runId().toString(), MessageCodec.encode(request));
    }

    /** The run's events from the start of the topic up to the first that matches {@code last}. */
    private List<RunEvent> eventsOf(UUID run, Predicate<RunEvent> last) {
        return kafka
                .readUntil(
                        Topics.RUN_EVENTS,
                        r -> r.key().equals(run.toString()),
                        found -> found.stream().anyMatch(r -> last.test(MessageCodec.decodeEvent(r.value()))),
                        WAIT)
                .stream()
                .map(ConsumerRecord::value)
                .map(MessageCodec::decodeEvent)
                .toList();
    }
}
