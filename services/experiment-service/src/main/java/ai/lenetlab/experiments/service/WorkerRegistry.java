package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.WorkerOverview;
import ai.lenetlab.contracts.api.WorkerState;
import ai.lenetlab.contracts.api.WorkerView;
import ai.lenetlab.experiments.domain.Run;
import ai.lenetlab.experiments.domain.Worker;
import ai.lenetlab.experiments.domain.WorkerBusySpan;
import ai.lenetlab.messaging.WorkerEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The workers of the lab, kept from their announcements ({@link WorkerEvent}): what each does, when it
 * was last heard from (silent for the heartbeat timeout: lost), the runs it finished, and when it
 * trained, for its utilisation over the last hour. A worker that shut down cleanly is forgotten at
 * once; a lost one after an hour.
 */
@ApplicationScoped
public class WorkerRegistry {

    /** Utilisation is over this much of the recent past; lost workers are forgotten after it. */
    public static final Duration WINDOW = Duration.ofHours(1);

    /** The device class of every run today: runs do not ask for a device yet. */
    public static final String ANY_DEVICE = "any";

    @ConfigProperty(name = "lenetlab.runs.heartbeat-timeout")
    Duration heartbeatTimeout;

    @Inject
    RunQueue queue;

    /** Applies one announcement; times are the service's clock, so that workers' clocks need not agree. */
    @Transactional
    public void record(WorkerEvent event) {
        Instant now = Instant.now();
        // as PostgreSQL keeps them (microseconds), so that they compare with what was stored
        Instant startedAt = event.startedAt().truncatedTo(ChronoUnit.MICROS);
        Instant at = event.at().truncatedTo(ChronoUnit.MICROS);
        Worker worker = Worker.lockById(event.workerId());
        boolean sameProcess = worker != null && worker.startedAt.equals(startedAt);
        if (sameProcess && at.isBefore(worker.announcedAt)) {
            return; // an older announcement, read again after a rebalance
        }
        if (event.state() == WorkerEvent.State.GONE) {
            if (worker != null) {
                WorkerBusySpan.delete("workerId", worker.id);
                worker.delete();
            }
            return;
        }
        boolean isNew = worker == null;
        if (event.state() == WorkerEvent.State.IDLE && (isNew || !"idle".equals(worker.state) || isLost(worker, now))) {
            queue.changedAfterCommit(); // a worker to hand the next run to
        }
        if (isNew) {
            worker = new Worker();
            worker.id = event.workerId();
        }
        if (!sameProcess) { // new, or restarted under the same id: its past is another process's
            if (!isNew) {
                WorkerBusySpan.delete("workerId", worker.id);
            }
            worker.firstSeenAt = now;
            worker.busySince = null;
        } else if (isLost(worker, now) && worker.busySince != null) {
            endBusy(worker, worker.lastHeartbeatAt); // all we know of the silent stretch
        }
        boolean busy = event.runId() != null; // training, or draining with the run still in hand
        if (worker.busySince != null && (!busy || !event.runId().equals(worker.runId))) {
            endBusy(worker, now);
        }
        if (busy && worker.busySince == null) {
            worker.busySince = now;
        }
        worker.host = event.host();
        worker.device = event.device();
        worker.threads = event.threads();
        worker.state = event.state().name().toLowerCase(Locale.ROOT);
        worker.runId = event.runId();
        worker.epoch = event.epoch();
        worker.epochs = event.epochs();
        worker.runsDone = event.runsDone();
        worker.startedAt = startedAt;
        worker.announcedAt = at;
        worker.lastHeartbeatAt = now;
        if (isNew) {
            worker.persist();
        }
    }

    private static void endBusy(Worker worker, Instant end) {
        if (end.isAfter(worker.busySince)) {
            WorkerBusySpan.of(worker.id, worker.busySince, end).persist();
        }
        worker.busySince = null;
    }

    private boolean isLost(Worker worker, Instant now) {
        return worker.lastHeartbeatAt.isBefore(now.minus(heartbeatTimeout));
    }

    /**
     * Workers heard from within the heartbeat timeout that said they are idle and train no run (a
     * run's STARTED and its worker's next announcement travel apart: the run counts first); empty when
     * no live worker announces itself (none started yet, or workers of earlier versions, which never do).
     */
    public OptionalLong idleWorkers() {
        Instant since = Instant.now().minus(heartbeatTimeout);
        if (Worker.count("lastHeartbeatAt >= ?1", since) == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Worker.count(
                "state = ?1 and lastHeartbeatAt >= ?2 and id not in"
                        + " (select r.workerId from Run r where r.status = ?3 and r.workerId is not null)",
                "idle",
                since,
                RunStatus.RUNNING));
    }

    @Transactional
    public WorkerOverview list() {
        Instant now = Instant.now();
        Instant windowStart = now.minus(WINDOW);
        Map<String, List<WorkerBusySpan>> spans =
                WorkerBusySpan.<WorkerBusySpan>list("endedAt > ?1", windowStart).stream()
                        .collect(Collectors.groupingBy(s -> s.workerId));
        List<WorkerView> views = new ArrayList<>();
        for (Worker w : Worker.<Worker>list("order by id")) {
            boolean lost = isLost(w, now);
            Instant end = lost ? w.lastHeartbeatAt : now; // nothing is known of a lost worker after it went silent
            List<Utilisation.Span> busy = new ArrayList<>();
            spans.getOrDefault(w.id, List.of()).forEach(s -> busy.add(new Utilisation.Span(s.startedAt, s.endedAt)));
            if (w.busySince != null) {
                busy.add(new Utilisation.Span(w.busySince, end));
            }
            Instant from = w.firstSeenAt.isAfter(windowStart) ? w.firstSeenAt : windowStart;
            views.add(new WorkerView(
                    w.id,
                    w.host,
                    w.device,
                    w.threads,
                    lost ? WorkerState.LOST : WorkerState.valueOf(w.state.toUpperCase(Locale.ROOT)),
                    w.runId,
                    w.epoch,
                    w.epochs,
                    w.lastHeartbeatAt,
                    w.runsDone,
                    Utilisation.of(from, end, busy),
                    w.startedAt));
        }
        return new WorkerOverview(views, Map.of(ANY_DEVICE, Run.count("status", RunStatus.QUEUED)));
    }

    /** Forgets workers lost for an hour, and training that ended before the last hour. */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetThePast() {
        Instant windowStart = Instant.now().minus(WINDOW);
        WorkerBusySpan.delete("endedAt < ?1", windowStart);
        Worker.delete("lastHeartbeatAt < ?1", windowStart); // their spans go with them (on delete cascade)
    }
}
