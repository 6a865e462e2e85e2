package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.api.WorkerOverview;
import ai.lenetlab.contracts.api.WorkerState;
import ai.lenetlab.contracts.api.WorkerView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus gauges of the worker registry: {@code lenetlab_workers{state}} and
 * {@code lenetlab_runs_waiting{device}} (what an autoscaler scales workers on). Refreshed every few
 * seconds rather than queried at each scrape.
 */
@Startup
@ApplicationScoped
class WorkerMetrics {

    @Inject
    WorkerRegistry registry;

    private final Map<WorkerState, AtomicLong> workers = new EnumMap<>(WorkerState.class);
    private final AtomicLong waiting = new AtomicLong();

    WorkerMetrics(MeterRegistry metrics) {
        for (WorkerState state : WorkerState.values()) {
            AtomicLong count = new AtomicLong();
            workers.put(state, count);
            Gauge.builder("lenetlab.workers", count, AtomicLong::get)
                    .description("Trainer workers by state")
                    .tag("state", state.label())
                    .register(metrics);
        }
        Gauge.builder("lenetlab.runs.waiting", waiting, AtomicLong::get)
                .description("QUEUED runs, per device class they ask for")
                .tag("device", WorkerRegistry.ANY_DEVICE)
                .register(metrics);
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        WorkerOverview now = registry.list();
        Map<WorkerState, Long> counts = new EnumMap<>(WorkerState.class);
        for (WorkerView w : now.workers()) {
            counts.merge(w.state(), 1L, Long::sum);
        }
        workers.forEach((state, count) -> count.set(counts.getOrDefault(state, 0L)));
        waiting.set(now.runsWaiting().getOrDefault(WorkerRegistry.ANY_DEVICE, 0L));
    }
}
