package ai.lenetlab.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.lenetlab.contracts.ConfigViolation;
import ai.lenetlab.contracts.StrictJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepSpecCheckTest {

    static final ObjectMapper JSON = StrictJson.configure(new ObjectMapper());

    /** The issue's example. */
    static final String EXAMPLE = """
            {"name": "model-3 search", "base": {"preset": "model-3", "overrides": {"epochs": 14}},
             "space": {"learningRate": {"logUniform": [1e-4, 0.1]}, "batchSize": {"choice": [64, 128, 256]},
                       "dropout": {"uniform": [0.0, 0.6]}, "epochs": {"intUniform": [5, 20]}},
             "method": "tpe", "trials": 24, "seedsPerTrial": 3, "seed": 7,
             "objective": {"metric": "testAccuracy", "goal": "max"},
             "earlyStopping": {"rule": "asha", "minEpochs": 1, "reductionFactor": 3},
             "maxConcurrent": 4, "priority": 0, "budget": {"maxRuns": 100, "maxEpochs": 1000}}""";

    static SweepSpec spec(String json) throws Exception {
        return JSON.readValue(json, SweepSpec.class);
    }

    @Test
    void theIssuesExampleIsAPlan() throws Exception {
        SweepPlan plan = SweepSpecCheck.plan(spec(EXAMPLE));

        assertThat(plan.method()).isEqualTo(SweepSpec.Method.TPE);
        assertThat(plan.parameters())
                .containsExactly(
                        new Parameter.LogUniform("learningRate", 1e-4, 0.1),
                        new Parameter.Choice("batchSize", List.of(64, 128, 256)),
                        new Parameter.Uniform("dropout", 0.0, 0.6),
                        new Parameter.IntUniform("epochs", 5, 20));
        assertThat(plan.trials()).isEqualTo(24);
        assertThat(plan.seedsPerTrial()).isEqualTo(3);
        assertThat(plan.rule()).isEqualTo(SweepSpec.Rule.ASHA);
        assertThat(plan.reductionFactor()).isEqualTo(3);
        assertThat(plan.maxRuns()).isEqualTo(100);
        assertThat(plan.base().epochs()).isEqualTo(14);
        assertThat(plan.config(java.util.Map.of("batchSize", 64, "learningRate", 0.003), 2)
                        .batchSize())
                .isEqualTo(64);
    }

    @Test
    void defaultsAreSensible() throws Exception {
        SweepPlan plan = SweepSpecCheck.plan(spec("""
                {"name":"lr","base":{"preset":"model-2"},"space":{"learningRate":{"logUniform":[0.0001,0.1]}}}"""));
        assertThat(plan.method()).isEqualTo(SweepSpec.Method.RANDOM);
        assertThat(plan.metric()).isEqualTo("testAccuracy");
        assertThat(plan.goal()).isEqualTo(SweepSpec.Goal.MAX);
        assertThat(plan.seedsPerTrial()).isEqualTo(1);
        assertThat(plan.rule()).isEqualTo(SweepSpec.Rule.NONE);
        assertThat(SweepSpecCheck.plan(spec("""
                        {"name":"lr","base":{"preset":"model-2"},"space":{"learningRate":{"logUniform":[0.0001,0.1]}},
                         "objective":{"metric":"testLoss"}}""")).goal())
                .as("a loss is minimised")
                .isEqualTo(SweepSpec.Goal.MIN);
    }

    @Test
    void everyProblemIsNamedByItsPath() throws Exception {
        InvalidSweepException e =
                catchThrowableOfType(InvalidSweepException.class, () -> SweepSpecCheck.plan(spec("""
                {"name":"", "base":{"preset":"model-2","overrides":{"epochs":0}},
                 "space":{"batchSize":{"uniform":[64,256]}, "learningRate":{"logUniform":[0.0001,100]},
                          "seed":{"choice":[1,2]}, "nope":{"choice":[1]}, "dropout":{"uniform":[0.1,0.2],"choice":[0.3]},
                          "momentum":{"logUniform":[0,0.9]}},
                 "trials":0, "objective":{"metric":"examplesPerSecond"},
                 "earlyStopping":{"rule":"asha","reductionFactor":1}, "maxConcurrent":0}""")));

        assertThat(e.violations())
                .extracting(ConfigViolation::field)
                .contains(
                        "name",
                        "base.overrides.epochs",
                        "trials",
                        "objective.metric",
                        "earlyStopping.reductionFactor",
                        "maxConcurrent");
        // the space is checked on a valid base: again without the bad override
        InvalidSweepException space =
                catchThrowableOfType(InvalidSweepException.class, () -> SweepSpecCheck.plan(spec("""
                {"name":"x", "base":{"preset":"model-2"},
                 "space":{"batchSize":{"uniform":[64,256]}, "learningRate":{"logUniform":[0.0001,100]},
                          "seed":{"choice":[1,2]}, "nope":{"choice":[1]}, "dropout":{"uniform":[0.1,0.2],"choice":[0.3]},
                          "momentum":{"logUniform":[0,0.9]}}}""")));
        assertThat(space.violations())
                .extracting(ConfigViolation::field)
                .containsExactlyInAnyOrder(
                        "space.batchSize.uniform",
                        "space.learningRate.logUniform[1]",
                        "space.seed",
                        "space.nope",
                        "space.dropout",
                        "space.momentum.logUniform");
        assertThat(space.violations())
                .filteredOn(v -> v.field().equals("space.batchSize.uniform"))
                .singleElement()
                .extracting(ConfigViolation::message)
                .asString()
                .contains("whole number");
    }

    @Test
    void aGridNeedsListedValuesAndStaysSmall() throws Exception {
        InvalidSweepException e =
                catchThrowableOfType(InvalidSweepException.class, () -> SweepSpecCheck.plan(spec("""
                {"name":"g","base":{"preset":"model-2"},"method":"grid",
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]}}}""")));
        assertThat(e.violations()).extracting(ConfigViolation::field).containsExactly("space.learningRate");

        SweepPlan grid = SweepSpecCheck.plan(spec("""
                {"name":"g","base":{"preset":"model-2"},"method":"grid",
                 "space":{"batchSize":{"choice":[64,128,256]},"epochs":{"intUniform":[1,4]}}}"""));
        assertThat(grid.trials()).as("the whole grid by default").isEqualTo(12);
    }

    @Test
    void earlyStoppingNeedsEpochsLeftToSave() throws Exception {
        InvalidSweepException e =
                catchThrowableOfType(InvalidSweepException.class, () -> SweepSpecCheck.plan(spec("""
                {"name":"g","base":{"preset":"model-2","overrides":{"epochs":2}},
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]}},
                 "earlyStopping":{"rule":"median","minEpochs":2}}""")));
        assertThat(e.violations()).extracting(ConfigViolation::field).containsExactly("earlyStopping.minEpochs");
    }

    /** A space of {@code fields} config fields with {@code choices} listed values each. */
    static String gridOf(int fields, int choices) {
        List<String> whole =
                List.of("conv1Channels", "conv2Channels", "fc1Units", "fc2Units", "batchSize", "epochs", "lrStepSize");
        List<String> fractions = List.of("learningRate", "dropout", "momentum", "weightDecay");
        List<String> space = new java.util.ArrayList<>();
        for (int f = 0; f < fields; f++) {
            boolean isWhole = f < whole.size();
            String field = isWhole ? whole.get(f) : fractions.get(f - whole.size());
            List<String> values = new java.util.ArrayList<>();
            for (int i = 1; i <= choices; i++) {
                values.add(isWhole ? String.valueOf(i) : String.valueOf(i / (choices + 1.0)));
            }
            space.add("\"" + field + "\":{\"choice\":[" + String.join(",", values) + "]}");
        }
        return "{\"name\":\"huge\",\"base\":{\"preset\":\"model-2\"},\"method\":\"grid\",\"space\":{"
                + String.join(",", space) + "}}";
    }

    @Test
    void aGridOfTwoToTheSixtySixConfigsIsRefusedAtOnceNotTakenForNone() throws Exception {
        // 11 fields × 64 choices = 2^66 configs: a long multiplied in turn overflows to 0
        SweepSpec huge = spec(gridOf(11, 64));
        long started = System.nanoTime();
        InvalidSweepException e = catchThrowableOfType(InvalidSweepException.class, () -> SweepSpecCheck.plan(huge));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(e).as("2^66 configs are no plan").isNotNull();
        assertThat(e.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("space"))
                .satisfies(v -> assertThat(v.message()).contains("more than " + SweepSpecCheck.MAX_TRIALS));
        assertThat(millis).as("checked in ms").isLessThan(100);
    }

    @Test
    void aGridOfATrillionConfigsIsRefusedWithItsSize() throws Exception {
        // 6 fields × 100 choices = 10^12: a grid runs every config, and no sweep holds more than 500
        for (String trials : List.of("", ",\"trials\":50")) {
            String json = gridOf(6, 100);
            SweepSpec trillion = spec(json.substring(0, json.length() - 1) + trials + "}");
            InvalidSweepException e =
                    catchThrowableOfType(InvalidSweepException.class, () -> SweepSpecCheck.plan(trillion));
            assertThat(e.violations())
                    .singleElement()
                    .satisfies(v -> assertThat(v.field()).isEqualTo("space"))
                    .satisfies(v -> assertThat(v.message()).contains("1000000000000 configs"));
        }
    }

    @Test
    void aSpecsSizeIsBoundedAndEachBoundNamesItsPath() throws Exception {
        StringBuilder manyFields = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            manyFields.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":{\"choice\":[1]}");
        }
        assertThat(violations("""
                {"name":"s","base":{"preset":"model-2"},"space":{%s}}""".formatted(manyFields)))
                .as("a thousand unknown fields are one problem, not a thousand")
                .containsExactly("space");
        assertThat(violations("""
                {"name":"s","base":{"preset":"model-2"},"space":{"optimizer":{"choice":["adam","%s"]}}}""".formatted("x".repeat(10_000)))).containsExactly("space.optimizer.choice[1]");
        assertThat(violations("""
                {"name":"s","base":{"preset":"model-2"},"space":{"optimizer":{"choice":["adam",["sgd"]]}}}""")).containsExactly("space.optimizer.choice[1]");
        StringBuilder manyOverrides = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            manyOverrides.append(i == 0 ? "" : ",").append("\"o").append(i).append("\":1");
        }
        assertThat(violations("""
                {"name":"s","base":{"preset":"model-2","overrides":{%s}},
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]}}}""".formatted(manyOverrides))).containsExactly("base.overrides");
        assertThat(violations("""
                {"name":"s","base":{"preset":"model-2"},"space":{"learningRate":{"logUniform":[0.0001,0.1]}},
                 "trials":501,"seedsPerTrial":11,"budget":{"maxRuns":2001,"maxEpochs":0}}"""))
                .containsExactlyInAnyOrder("trials", "seedsPerTrial", "budget.maxRuns", "budget.maxEpochs");
    }

    @Test
    void aSweepsNameFollowsTheNameRuleOfExperiments() throws Exception {
        for (String name : List.of(
                "a\\u0000b",
                "ansi \\u001b[31m",
                "zero\\u200Bwidth",
                "rlm\\u200F",
                "bom\\uFEFF",
                "rtl \\u202Egnp.exe",
                "two\\nlines")) {
            assertThat(violations("""
                    {"name":"%s","base":{"preset":"model-2"},"space":{"learningRate":{"logUniform":[0.0001,0.1]}}}""".formatted(name))).as(name).containsExactly("name");
        }
        assertThat(SweepSpecCheck.plan(spec("""
                {"name":"Größe × Lernrate — 学习率","base":{"preset":"model-2"},
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]}}}""")).name()).isEqualTo("Größe × Lernrate — 学习率");
    }

    private static List<String> violations(String json) throws Exception {
        InvalidSweepException e =
                catchThrowableOfType(InvalidSweepException.class, () -> SweepSpecCheck.plan(spec(json)));
        assertThat(e)
                .as("refused: " + json.substring(0, Math.min(200, json.length())))
                .isNotNull();
        return e.violations().stream().map(ConfigViolation::field).toList();
    }

    @Test
    void adaptiveSeedsRaceAndAreCheckedByPath() throws Exception {
        SweepPlan plan = SweepSpecCheck.plan(spec("""
                {"name":"race","base":{"preset":"model-2","overrides":{"epochs":4}},"trials":10,
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]}},"seeds":{"adaptive":{"min":2,"max":8}}}"""));
        assertThat(plan.adaptiveSeeds()).isEqualTo(new SweepPlan.AdaptiveSeeds(2, 8));
        assertThat(plan.seedsPerTrial()).as("every trial starts with min").isEqualTo(2);
        assertThat(plan.maxRuns()).as("room for every trial at max").isEqualTo(80);
        assertThat(SweepSpecCheck.plan(spec(EXAMPLE)).adaptiveSeeds()).isNull();
        assertThat(SweepSpecCheck.plan(spec("""
                        {"name":"race","base":{"preset":"model-2","overrides":{"epochs":4}},
                         "space":{"learningRate":{"logUniform":[0.0001,0.1]}},"seeds":{"adaptive":{"min":2}},
                         "earlyStopping":{"rule":"median"}}""")).rule())
                .as("the median rule stops trials beside the race")
                .isEqualTo(SweepSpec.Rule.MEDIAN);

        InvalidSweepException e =
                catchThrowableOfType(InvalidSweepException.class, () -> SweepSpecCheck.plan(spec("""
                {"name":"race","base":{"preset":"model-2","overrides":{"epochs":4}},"seedsPerTrial":3,
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]}},"seeds":{"adaptive":{"min":1,"max":11}},
                 "earlyStopping":{"rule":"asha"}}""")));
        assertThat(e.violations())
                .extracting(ConfigViolation::field)
                .containsExactlyInAnyOrder(
                        "seedsPerTrial", "seeds.adaptive.min", "seeds.adaptive.max", "earlyStopping.rule");
        InvalidSweepException empty =
                catchThrowableOfType(InvalidSweepException.class, () -> SweepSpecCheck.plan(spec("""
                {"name":"race","base":{"preset":"model-2"},
                 "space":{"learningRate":{"logUniform":[0.0001,0.1]}},"seeds":{}}""")));
        assertThat(empty.violations()).extracting(ConfigViolation::field).containsExactly("seeds.adaptive");
    }
}
