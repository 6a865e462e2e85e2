package ai.lenetlab.sweeps;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Replays sweeps on synthetic learning curves whose true ranking is known, to measure what an early
 * stopping rule costs and gains: how often it stops the true best config, how often the sweep's
 * chosen best (the completed trial of the highest seed mean at the last epoch) is the true best, and
 * the epochs it trains. The rules are the service's own classes ({@link MedianPruner}, {@link
 * AshaPruner}, {@link SeedRace}), judged on what is known when a trial finishes an epoch.
 *
 * <p>The world (issue 22's): each config's true quality ~ N(0, 1) — the spread between configs — and a
 * seed's score at an epoch = quality + a learning curve all configs share + N(0, noise²), fresh each
 * epoch and seed. Trials start {@code concurrent} at a time; every seed of a running trial trains one
 * epoch per step. A seed that racing adds trains the epochs it missed at once (they count). Every rule
 * replays the same worlds (common random numbers), so their differences are not luck of the draw.
 */
public final class PruningSimulator {

    public static final int TRIALS = 30;
    public static final int EPOCHS = 10;
    public static final int CONCURRENT = 4;
    public static final double[] NOISES = {1.0, 0.5};

    /** One way to run a sweep: a fixed number of seeds and a pruner, or a seed race. */
    public record Rule(String name, int seeds, Pruner pruner, SeedRace race, AshaPruner rungs) {

        static Rule fixed(String name, int seeds, Pruner pruner) {
            return new Rule(name, seeds, pruner, null, null);
        }

        static Rule racing(SeedRace race, AshaPruner rungs) {
            return new Rule("seed racing", race.minSeeds(), null, race, rungs);
        }
    }

    /**
     * @param bestStopped the share of sweeps in which the true best config was stopped early
     * @param bestChosen the share in which the chosen best is the true best
     * @param epochs seed-epochs trained per sweep, on average
     */
    public record Result(Rule rule, double noise, double bestStopped, double bestChosen, double epochs) {}

    /** The rules of the table: no stopping at 1, 2 and 8 seeds, median and ASHA, seed racing 2–8. */
    public static List<Rule> rules() {
        MedianPruner median = new MedianPruner(1, 5, 0, SweepSpec.Goal.MAX);
        AshaPruner asha = new AshaPruner(1, 3, SweepSpec.Goal.MAX);
        Pruner none = (trial, epoch, scores) -> java.util.Optional.empty();
        return List.of(
                Rule.fixed("no stopping", 1, none),
                Rule.fixed("median", 1, median),
                Rule.fixed("ASHA η 3", 1, asha),
                Rule.fixed("no stopping", 2, none),
                Rule.fixed("median", 2, median),
                Rule.fixed("ASHA η 3", 2, asha),
                Rule.racing(new SeedRace(2, 8, 0.05, SweepSpec.Goal.MAX), new AshaPruner(1, 2)),
                Rule.fixed("no stopping", 8, none));
    }

    /** {@code rule} over {@code sweeps} seeded worlds at {@code noise}. */
    public static Result simulate(Rule rule, double noise, int sweeps, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int stopped = 0;
        int chosen = 0;
        long epochs = 0;
        for (int s = 0; s < sweeps; s++) {
            World world = World.draw(random, noise);
            Sweep sweep = new Sweep(world, rule);
            sweep.run();
            stopped += sweep.stopped.contains(world.best()) ? 1 : 0;
            chosen += sweep.chosen() == world.best() ? 1 : 0;
            epochs += sweep.epochs;
        }
        return new Result(rule, noise, (double) stopped / sweeps, (double) chosen / sweeps, (double) epochs / sweeps);
    }

    /** The table of every rule at both noise levels, as BENCHMARKS.md shows it. */
    public static String table(int sweeps, long seed) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%d sweeps each: %d trials × %d epochs, %d at a time, seed %d%n%n"
                        + "| noise / spread | rule | seeds | P(true best stopped) | P(chosen = true best)"
                        + " | epochs per sweep | of no stopping × 8 seeds |%n| --- | --- | --- | --- | --- | --- | --- |%n",
                sweeps,
                TRIALS,
                EPOCHS,
                CONCURRENT,
                seed));
        for (double noise : NOISES) {
            List<Result> results =
                    rules().stream().map(r -> simulate(r, noise, sweeps, seed)).toList();
            double full = results.getLast().epochs();
            for (Result r : results) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %.1f | %s | %s | %.1f %% | %.1f %% | %.0f | %.0f %% |%n",
                        noise,
                        r.rule().name(),
                        r.rule().race() == null
                                ? String.valueOf(r.rule().seeds())
                                : r.rule().race().minSeeds() + "–8",
                        100 * r.bestStopped(),
                        100 * r.bestChosen(),
                        r.epochs(),
                        100 * r.epochs() / full));
            }
        }
        return out.toString();
    }

    public static void main(String[] args) {
        System.out.print(table(args.length > 0 ? Integer.parseInt(args[0]) : 1000, 22));
    }

    /** Box–Muller: SplittableRandom has no nextGaussian of its own that is stable across JDKs. */
    static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** The shared learning curve: all configs learn alike, from −2 towards 0. */
    static double curve(int epoch) {
        return -2 * Math.exp(-(epoch - 1) / 2.0);
    }

    /** One sweep's truth: each config's quality and every seed's noise at every epoch. */
    record World(double[] quality, double[][][] noise) {

        static final int MAX_SEEDS = 8;

        static World draw(SplittableRandom random, double level) {
            double[] quality = new double[TRIALS];
            double[][][] noise = new double[TRIALS][MAX_SEEDS][EPOCHS];
            for (int t = 0; t < TRIALS; t++) {
                quality[t] = gaussian(random);
                for (int s = 0; s < MAX_SEEDS; s++) {
                    for (int e = 0; e < EPOCHS; e++) {
                        noise[t][s][e] = level * gaussian(random);
                    }
                }
            }
            return new World(quality, noise);
        }

        int best() {
            int best = 0;
            for (int t = 1; t < TRIALS; t++) {
                best = quality[t] > quality[best] ? t : best;
            }
            return best;
        }

        double score(int trial, int seed, int epoch) {
            return quality[trial] + curve(epoch) + noise[trial][seed][epoch - 1];
        }
    }

    /** One replay of a world under a rule. */
    private static final class Sweep {
        final World world;
        final Rule rule;
        /** trial → each seed's scores by epoch */
        final Map<Integer, List<List<Double>>> seeds = new LinkedHashMap<>();

        final Set<Integer> completed = new HashSet<>();
        final Set<Integer> stopped = new HashSet<>();
        long epochs;

        Sweep(World world, Rule rule) {
            this.world = world;
            this.rule = rule;
        }

        void run() {
            List<Integer> running = new ArrayList<>();
            int next = 0;
            while (next < TRIALS || !running.isEmpty()) {
                while (running.size() < CONCURRENT && next < TRIALS) {
                    List<List<Double>> curves = new ArrayList<>();
                    for (int s = 0; s < rule.seeds(); s++) {
                        curves.add(new ArrayList<>());
                    }
                    seeds.put(next, curves);
                    running.add(next++);
                }
                for (int t : running) {
                    List<List<Double>> curves = seeds.get(t);
                    for (int s = 0; s < curves.size(); s++) {
                        train(t, s, curves.get(s).size() + 1);
                    }
                }
                for (int t : List.copyOf(running)) {
                    int epoch = seeds.get(t).getFirst().size();
                    if (epoch == EPOCHS) {
                        completed.add(t);
                        running.remove((Integer) t);
                    } else if (judge(t, epoch)) {
                        stopped.add(t);
                        running.remove((Integer) t);
                    }
                }
            }
        }

        private void train(int trial, int seed, int epoch) {
            seeds.get(trial).get(seed).add(world.score(trial, seed, epoch));
            epochs++;
        }

        /** Whether the trial stops now; a race may give it a seed instead. */
        private boolean judge(int trial, int epoch) {
            if (rule.race() == null) {
                return rule.pruner().shouldStop(String.valueOf(trial), epoch, scores());
            }
            if (!rule.rungs().isRung(epoch)) {
                return false;
            }
            Map<String, double[]> rung = new LinkedHashMap<>();
            seeds.forEach((t, curves) -> {
                if (curves.getFirst().size() >= epoch) {
                    rung.put(String.valueOf(t), SeedRace.bestSoFar(curves, epoch));
                }
            });
            SeedRace.Decision decision = rule.race().judge(epoch, rung).get(String.valueOf(trial));
            if (decision.verdict() == SeedRace.Verdict.MORE_SEEDS) {
                List<List<Double>> curves = seeds.get(trial);
                curves.add(new ArrayList<>());
                for (int e = 1; e <= epoch; e++) {
                    train(trial, curves.size() - 1, e);
                }
            }
            return decision.verdict() == SeedRace.Verdict.STOP;
        }

        /** Each trial's seed mean per epoch, as the service's {@link TrialTable#scores} gives them. */
        private TrialScores scores() {
            Map<String, List<Double>> means = new LinkedHashMap<>();
            seeds.forEach((t, curves) -> {
                List<Double> mean = new ArrayList<>();
                for (int e = 0; e < curves.getFirst().size(); e++) {
                    int epoch = e;
                    mean.add(curves.stream()
                            .mapToDouble(c -> c.get(epoch))
                            .average()
                            .orElseThrow());
                }
                means.put(String.valueOf(t), mean);
            });
            Set<String> done = new HashSet<>();
            completed.forEach(t -> done.add(String.valueOf(t)));
            return new TrialScores(means, done);
        }

        /** The completed trial of the highest seed mean at the last epoch: the sweep's best. */
        int chosen() {
            int best = -1;
            double bestMean = Double.NEGATIVE_INFINITY;
            for (int t : completed) {
                double mean = seeds.get(t).stream()
                        .mapToDouble(c -> c.get(EPOCHS - 1))
                        .average()
                        .orElseThrow();
                if (mean > bestMean) {
                    best = t;
                    bestMean = mean;
                }
            }
            return best;
        }
    }
}
