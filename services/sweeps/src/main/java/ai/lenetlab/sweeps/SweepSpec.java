package ai.lenetlab.sweeps;

import ai.lenetlab.contracts.ConfigChoice;
import java.util.List;
import java.util.Map;

/**
 * A sweep as users write it ({@code POST /api/sweeps}, {@code ./lenetlab sweep --file}): a base config,
 * the space to search over it, how to search, what to optimise, when to stop losers, and how much of
 * the workers it may take.
 *
 * <pre>{"name":"lr × batch × dropout","base":{"preset":"model-3","overrides":{"epochs":14}},
 *  "space":{"learningRate":{"logUniform":[1e-4,0.1]},"batchSize":{"choice":[64,128,256]}},
 *  "method":"tpe","trials":24,"seedsPerTrial":3,"seed":7,
 *  "objective":{"metric":"testAccuracy","goal":"max"},
 *  "earlyStopping":{"rule":"asha","minEpochs":1,"reductionFactor":3},
 *  "maxConcurrent":4,"priority":0,"budget":{"maxRuns":100,"maxEpochs":1000}}</pre>
 *
 * @param space config field name → its range (exactly one kind each)
 * @param trials how many configs to try (grid: at most the grid's size; default all of it)
 * @param seedsPerTrial runs per config, seeds 1…n; a trial is judged by its seeds' mean
 * @param seeds instead of seedsPerTrial, seeds by need: {@code {"adaptive":{"min":2,"max":8}}} races
 *     the trials ({@link SeedRace})
 * @param seed the sampler's seed: the same spec and seed give the same trials
 * @param maxConcurrent the sweep's runs handed to workers at once at most
 * @param priority higher first among queued runs; FIFO within a priority
 */
public record SweepSpec(
        String name,
        Base base,
        Map<String, Range> space,
        Method method,
        Integer trials,
        Integer seedsPerTrial,
        Long seed,
        Objective objective,
        EarlyStopping earlyStopping,
        Integer maxConcurrent,
        Integer priority,
        Budget budget,
        Seeds seeds) {

    /** The config every trial starts from: a preset with overrides. */
    public record Base(String preset, Map<String, Object> overrides) {}

    /**
     * One field's range: exactly one of a log-uniform or uniform interval of reals, a uniform interval
     * of whole numbers (both ends included), or a list of values.
     */
    public record Range(List<Double> logUniform, List<Double> uniform, List<Long> intUniform, List<Object> choice) {}

    public enum Method implements ConfigChoice {
        GRID,
        RANDOM,
        TPE
    }

    public enum Goal implements ConfigChoice {
        MAX,
        MIN
    }

    /** @param metric an epoch metric's key: testAccuracy, testLoss, trainAccuracy, trainLoss */
    public record Objective(String metric, Goal goal) {}

    public enum Rule implements ConfigChoice {
        NONE,
        MEDIAN,
        ASHA
    }

    /**
     * @param minEpochs epochs every trial trains before it can be stopped (ASHA's first rung)
     * @param reductionFactor ASHA's η: rungs at minEpochs·η^k, the top 1/η of each rung goes on
     * @param startupTrials median: trials that must complete before any is judged (default 5, as
     *     Optuna's n_startup_trials)
     * @param warmupEpochs median: epochs of each trial never judged (default 0, as Optuna's
     *     n_warmup_steps); judging starts at epoch max(minEpochs, warmupEpochs + 1)
     */
    public record EarlyStopping(
            Rule rule, Integer minEpochs, Integer reductionFactor, Integer startupTrials, Integer warmupEpochs) {

        /** Without the median rule's startup trials and warm-up: their defaults. */
        public EarlyStopping(Rule rule, Integer minEpochs, Integer reductionFactor) {
            this(rule, minEpochs, reductionFactor, null, null);
        }
    }

    /** How many seeds a trial gets: so far only by need. */
    public record Seeds(Adaptive adaptive) {}

    /**
     * Seed racing: every trial starts with {@code min} seeds; at each rung (minEpochs·η^k) a trial
     * significantly worse than the leader stops, and trials still tied with it get one more seed, up
     * to {@code max}; when its seeds are done, a trial still tied with the leader gets another. The
     * median rule may stop trials beside it (not ASHA: the race has its rungs).
     */
    public record Adaptive(Integer min, Integer max) {}

    /** Runs and epochs the sweep may use at most. */
    public record Budget(Integer maxRuns, Integer maxEpochs) {}
}
