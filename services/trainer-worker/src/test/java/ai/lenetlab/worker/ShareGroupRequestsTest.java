package ai.lenetlab.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.lenetlab.infra.KafkaBroker;
import ai.lenetlab.infra.KafkaTestClient;
import ai.lenetlab.messaging.Topics;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Members of one share group on a real broker, on a topic of ONE partition. */
class ShareGroupRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaBroker broker;

    private final List<ShareGroupRequests> members = new ArrayList<>();
    private KafkaTestClient kafka;
    private String topic;
    private String group;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(Files.createTempDirectory("lenetlab-share"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void newTopicAndGroup() throws Exception {
        topic = "requests-" + UUID.randomUUID();
        group = "workers-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // as TopicInitializer does for the workers' group; the shortest lock the broker allows
            admin.incrementalAlterConfigs(Map.of(
                            new ConfigResource(ConfigResource.Type.GROUP, group),
                            List.of(
                                    set("share.auto.offset.reset", "earliest"),
                                    set("share.record.lock.duration.ms", "15000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        kafka = new KafkaTestClient(broker.bootstrapServers());
    }

    @AfterEach
    void stopMembers() {
        members.forEach(m -> m.close(Duration.ofSeconds(10)));
        kafka.close();
    }

    @Test
    void threeMembersHandleThreeRecordsOfOnePartitionAtOnce() throws Exception {
        CountDownLatch allBusy = new CountDownLatch(3);
        CountDownLatch finish = new CountDownLatch(1);
        Set<String> handledBy = ConcurrentHashMap.newKeySet();
        for (int i = 1; i <= 3; i++) {
            String name = "worker-" + i;
            member(name, (record, accept) -> {
                accept.run(); // STARTED is out: the record is this member's
                handledBy.add(name);
                allBusy.countDown();
                awaitLatch(finish); // "training"
                return AcknowledgeType.ACCEPT;
            });
        }
        for (int i = 1; i <= 3; i++) {
            kafka.send(topic, "run-" + i, "request " + i);
        }

        assertThat(allBusy.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("all three busy at the same moment; busy: %s", handledBy)
                .isTrue();
        assertThat(handledBy).containsExactlyInAnyOrder("worker-1", "worker-2", "worker-3");
        finish.countDown();
    }

    /**
     * On the lab's own topic layout: the broker gives each partition to one member while members are
     * fewer than partitions, so a request must not land where only the busy member may take it.
     */
    @Test
    void onTheLabsTopicAnIdleMemberTakesEveryRequestWhileTheOtherIsBusy() throws Exception {
        topic = "requests-" + UUID.randomUUID();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, runRequestsPartitions(), (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        AtomicReference<String> busy = new AtomicReference<>();
        CountDownLatch finish = new CountDownLatch(1);
        List<String> others = new CopyOnWriteArrayList<>();
        for (String name : List.of("worker-1", "worker-2")) {
            member(name, (record, accept) -> {
                accept.run();
                if (busy.compareAndSet(null, name)) {
                    awaitLatch(finish); // a long run
                } else {
                    others.add(record.value());
                }
                return AcknowledgeType.ACCEPT;
            });
        }
        // both members in the group before anything is sent, as two workers of a running lab
        await().atMost(WAIT).ignoreExceptions().until(() -> groupMembers() == 2);
        kafka.send(topic, UUID.randomUUID().toString(), "long run");
        await().atMost(WAIT).until(() -> busy.get() != null);

        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 6; i++) { // keyed by run id, as the service sends them
            sent.add("short run " + i);
            kafka.send(topic, UUID.randomUUID().toString(), "short run " + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> others.size() == sent.size());
        assertThat(others).as("the idle member took them, in the order sent").containsExactlyElementsOf(sent);
        finish.countDown();
    }

    @Test
    void aBusyMemberHoldsNoOtherRecordWhileItWorks() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        member("busy", (record, accept) -> {
            accept.run();
            busy.countDown();
            awaitLatch(finish); // trains for longer than two acquisition locks
            return AcknowledgeType.ACCEPT;
        });
        kafka.send(topic, "first", "first");
        assertThat(busy.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        kafka.send(topic, "second", "second");
        Thread.sleep(35_000); // what a busy member fetched ahead would have been redelivered by now

        List<String> idle = new CopyOnWriteArrayList<>();
        member("idle", (record, accept) -> {
            idle.add(record.value() + ", delivery " + record.deliveryCount().orElse((short) 0));
            return AcknowledgeType.ACCEPT;
        });
        await().atMost(WAIT).until(() -> !idle.isEmpty());
        assertThat(idle).containsExactly("second, delivery 1");
        finish.countDown();
    }

    @Test
    void aReleasedRecordGoesToAnotherMemberAtOnce() {
        List<String> log = new CopyOnWriteArrayList<>();
        member("leaving", (record, accept) -> {
            log.add("leaving got " + record.value());
            members.getFirst().stopTaking(); // as a worker that began to shut down
            return AcknowledgeType.RELEASE;
        });
        kafka.send(topic, "run", "request");
        await().atMost(WAIT).until(() -> !log.isEmpty());
        members.removeFirst().close(Duration.ofSeconds(10));

        long released = System.nanoTime();
        member("idle", (record, accept) -> {
            log.add("idle got " + record.value() + ", delivery "
                    + record.deliveryCount().orElse((short) 0));
            return AcknowledgeType.ACCEPT;
        });

        await().atMost(WAIT).until(() -> log.size() == 2);
        assertThat(log).containsExactly("leaving got request", "idle got request, delivery 2");
        assertThat(Duration.ofNanos(System.nanoTime() - released))
                .as("well before the 15 s acquisition lock would have run out")
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aRejectedRecordIsNotDeliveredAgainAndTheMemberGoesOn() {
        List<String> seen = new CopyOnWriteArrayList<>();
        member("worker", (record, accept) -> {
            seen.add(record.value());
            return record.value().equals("poison") ? AcknowledgeType.REJECT : AcknowledgeType.ACCEPT;
        });
        kafka.send(topic, "a", "poison");
        kafka.send(topic, "b", "good");
        await().atMost(WAIT).until(() -> seen.contains("good"));

        // a second member from the start of the topic: nothing is left for it
        List<String> second = new CopyOnWriteArrayList<>();
        member("second", (record, accept) -> {
            second.add(record.value());
            return AcknowledgeType.ACCEPT;
        });
        kafka.send(topic, "c", "after");
        await().atMost(WAIT).until(() -> seen.contains("after") || second.contains("after"));
        List<String> all = new ArrayList<>(seen);
        all.addAll(second);
        assertThat(all).containsExactlyInAnyOrder("poison", "good", "after");
    }

    @Test
    void aRecordOfAMemberThatDiedBeforeAcceptingGoesToAnotherWhenItsLockRunsOut() {
        // a member that takes the record and then never answers: as a worker killed before STARTED
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG,
                "explicit",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                1,
                ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG,
                "record_limit");
        kafka.send(topic, "run", "request");
        try (KafkaShareConsumer<String, String> dead =
                new KafkaShareConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            dead.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> taken = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                dead.poll(Duration.ofMillis(500)).forEach(taken::add);
                return !taken.isEmpty();
            });
            long takenAt = System.nanoTime();

            List<String> other = new CopyOnWriteArrayList<>();
            member("other", (record, accept) -> {
                other.add(
                        record.value() + ", delivery " + record.deliveryCount().orElse((short) 0));
                return AcknowledgeType.ACCEPT;
            });
            await().atMost(WAIT).until(() -> !other.isEmpty());
            assertThat(other).containsExactly("request, delivery 2");
            assertThat(Duration.ofNanos(System.nanoTime() - takenAt))
                    .as("not before the acquisition lock (15 s) ran out")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(14));
        }
    }

    @Test
    void aRecordSentBeforeTheFirstMemberJoinedIsHandled() throws Exception {
        topic = "requests-" + UUID.randomUUID(); // as many partitions as lenetlab.run-requests
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        kafka.send(topic, "early", "sent before any worker");
        String fresh = "workers-" + UUID.randomUUID();
        TrainersGroupSetup.prepare(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), topic, fresh);
        group = fresh;
        List<String> seen = new CopyOnWriteArrayList<>();
        member("first", (record, accept) -> {
            seen.add(record.value());
            return AcknowledgeType.ACCEPT;
        });
        await().atMost(WAIT).until(() -> !seen.isEmpty());
        assertThat(seen).containsExactly("sent before any worker");
    }

    @Test
    void aLabThatRanTheFormerConsumerGroupStartsWhereItStopped() throws Exception {
        kafka.send(topic, "old", "trained long ago");
        kafka.send(topic, "new", "waiting");
        try (Admin admin = admin()) { // the consumer group of earlier versions had handled the first request
            admin.alterConsumerGroupOffsets(
                            TrainersGroupSetup.FORMER_CONSUMER_GROUP,
                            Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        String fresh = "workers-" + UUID.randomUUID();
        TrainersGroupSetup.prepare(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), topic, fresh);
        group = fresh;
        List<String> seen = new CopyOnWriteArrayList<>();
        member("worker", (record, accept) -> {
            seen.add(record.value());
            return AcknowledgeType.ACCEPT;
        });
        kafka.send(topic, "newer", "sent after");
        await().atMost(WAIT).until(() -> seen.contains("sent after"));
        assertThat(seen).containsExactly("waiting", "sent after");
    }

    private void member(String name, ShareGroupRequests.Handler handler) {
        members.add(new ShareGroupRequests(
                        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        topic,
                        group,
                        name,
                        handler)
                .start());
    }

    private static int runRequestsPartitions() {
        return Topics.ALL.stream()
                .filter(spec -> spec.name().equals(Topics.RUN_REQUESTS))
                .findFirst()
                .orElseThrow()
                .partitions();
    }

    private int groupMembers() throws Exception {
        try (Admin admin = admin()) {
            return admin.describeShareGroups(List.of(group))
                    .describedGroups()
                    .get(group)
                    .get(30, TimeUnit.SECONDS)
                    .members()
                    .size();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
