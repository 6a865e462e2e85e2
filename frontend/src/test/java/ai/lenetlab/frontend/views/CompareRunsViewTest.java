package ai.lenetlab.frontend.views;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.CompareView.ConfigField;
import ai.lenetlab.contracts.api.CompareView.SeedGroup;
import ai.lenetlab.contracts.api.RunStatus;
import ai.lenetlab.contracts.api.RunSummary;
import ai.lenetlab.frontend.backend.CompareExport;
import ai.lenetlab.frontend.backend.CompareQuery;
import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CompareRunsViewTest extends ViewTestBase {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();

    @Test
    void comparesTheRunsNamedInTheUrl() {
        backend.compareView = SampleRuns.compare(a, b, c);
        CompareRunsView view = open(a, b, c);

        assertThat(backend.comparedIds).containsExactly(a, b, c);
        assertThat(test(view.metrics).size()).isEqualTo(3);
        int best = test(view.metrics).getColumnPosition("bestTestAccuracy");
        assertThat(test(view.metrics).getCellText(1, best)).isEqualTo("78.00 %");
        assertThat(test(view.groups).getCellText(0, 2)).isEqualTo("89.00 ± 1.41 % (n = 2)");
    }

    @Test
    void saysInWordsWhichSeedGroupBeatsWhich() {
        CompareView sample = SampleRuns.compare(a, b, c);
        backend.compareView = new CompareView(
                sample.runs(),
                sample.config(),
                sample.differingFields(),
                sample.epochNumbers(),
                sample.series(),
                sample.groups(),
                List.of(
                        new CompareView.Contrast(
                                        "model-2 × 3 seeds",
                                        "model-1 × 3 seeds",
                                        "finalTestAccuracy",
                                        3,
                                        3,
                                        0.11,
                                        0.102,
                                        0.118,
                                        0.0004,
                                        9.1,
                                        2)
                                .adjusted(0.0008, 2), // Holm over the page's two tests
                        new CompareView.Contrast(
                                        "model-2 × 3 seeds",
                                        "model-1 × 3 seeds",
                                        "finalTestLoss",
                                        3,
                                        3,
                                        -0.2,
                                        -0.3,
                                        -0.1,
                                        0.001,
                                        -5.0,
                                        2)
                                .adjusted(0.0008, 2)),
                List.of());
        CompareRunsView view = open(a, b, c);

        assertThat(view.verdicts
                        .getChildren()
                        .map(p -> ((Paragraph) p).getText())
                        .toList())
                .containsExactly(
                        "2 tests on this page (every pair on final and best test accuracy and loss): "
                                + "p-values are Holm-adjusted across them.",
                        "model-2 × 3 seeds beats model-1 × 3 seeds by 11.0 points (95 % CI 10.2–11.8), "
                                + "p < 0.001 (Holm, 2 tests), 3 vs 3 seeds.");
    }

    @Test
    void differencesOnlyHidesTheFieldsAllRunsShare() {
        backend.compareView = SampleRuns.compare(a, b, c);
        CompareRunsView view = open(a, b, c);

        assertThat(view.config.shownRows())
                .extracting(ConfigField::name)
                .containsExactly("optimizer", "batchSize", "seed");
        view.differencesOnly.setValue(false);
        assertThat(view.config.shownRows()).extracting(ConfigField::name).contains("activation");
        assertThat(test(view.config).getCellText(1, 3)).isEqualTo("sgd");
    }

    @Test
    void overlaysOneLinePerRunAndAMeanWithABandPerSeedGroup() {
        backend.compareView = SampleRuns.compare(a, b, c);
        CompareRunsView view = open(a, b, c);

        JsonNode series = view.charts.get("testAccuracy").getOption().get("series");
        // three runs, then the group's mean line and the two halves of its band
        assertThat(series).hasSize(6);
        assertThat(series.get(2).get("data").get(2).isNull()).isTrue();
        assertThat(series.get(3).get("data").get(0).asDouble()).isEqualTo(0.71);
        assertThat(series.get(4).get("data").get(0).asDouble()).isCloseTo(0.71 - 0.0141, within());
        assertThat(series.get(5).get("data").get(0).asDouble()).isCloseTo(2 * 0.0141, within());
    }

    @Test
    void changingTheSelectionRewritesTheUrl() {
        backend.runs.addAll(List.of(
                SampleRuns.summary(a, "model-2", RunStatus.COMPLETED, null),
                SampleRuns.summary(b, "model-2", RunStatus.COMPLETED, null)));
        backend.compareView = SampleRuns.compare(a, b, c);
        CompareRunsView view = navigate(CompareRunsView.class);
        assertThat(view.empty.isVisible()).isTrue();

        choose(view, java.util.Set.copyOf(backend.runs));
        settle();
        assertThat(view.selection()).containsExactlyInAnyOrder(a, b);
        assertThat(backend.comparedIds).containsExactlyInAnyOrder(a, b);
        assertThat(view.empty.isVisible()).isFalse();
    }

    @Test
    void reportsIdsThatAreNotRunIds() {
        backend.compareView = SampleRuns.compare(a, b, c);
        CompareRunsView view = open(a, "nonsense");
        assertThat(view.problem.getText()).contains("nonsense");
        assertThat(backend.comparedIds).containsExactly(a);
        assertThat(view.problem.isVisible())
                .as("the bad id is named, and stays named once the comparison arrives")
                .isTrue();
        assertThat(view.view).as("the valid run is compared all the same").isNotNull();
        assertThat(test(view.metrics).size()).isEqualTo(3);
    }

    @Test
    void saysWhyThereAreNoSeedGroups() {
        CompareView all = SampleRuns.compare(a, b, c);
        backend.compareView = new CompareView(
                all.runs(),
                all.config(),
                all.differingFields(),
                all.epochNumbers(),
                all.series(),
                List.of(),
                List.of(),
                List.of());
        CompareRunsView view = open(a, b, c);

        assertThat(view.groups.isVisible()).isFalse();
        assertThat(view.noGroups.isVisible()).isTrue();
        assertThat(view.noGroups.getText()).contains("share a config apart from the seed");
    }

    @Test
    void valuesTheUserDidNotChooseChangeNothing() {
        backend.runs.addAll(List.of(
                SampleRuns.summary(a, "model-2", RunStatus.COMPLETED, null),
                SampleRuns.summary(b, "model-2", RunStatus.COMPLETED, null)));
        backend.compareView = SampleRuns.compare(a, b, c);
        CompareRunsView view = open(a, b);

        view.picker.clear(); // what the picker reported after a push (vaadin/flow-components#9611)
        settle();
        assertThat(view.selection()).containsExactly(a, b);
        assertThat(view.view).isNotNull();

        int asked = backend.comparedTimes;
        choose(view, java.util.Set.copyOf(backend.runs)); // the same runs, as the picker may report them
        settle();
        assertThat(backend.comparedTimes)
                .as("no new comparison for the same runs")
                .isEqualTo(asked);
        assertThat(view.selection()).containsExactly(a, b);
    }

    @Test
    void comparesWholeExperimentsAgainstTheBaselineInTheUrlAndOffersTheFiles() {
        UUID experiment = UUID.randomUUID();
        CompareView sample = SampleRuns.compare(a, b, c);
        SeedGroup model2 = sample.groups().get(0);
        SeedGroup model1 = new SeedGroup(
                "model-1 × 2 seeds", List.of(c), List.of(1L, 2L), model2.epochs(), model2.finalTestAccuracy(), null);
        backend.compareView = new CompareView(
                sample.runs(),
                sample.config(),
                sample.differingFields(),
                sample.epochNumbers(),
                sample.series(),
                List.of(model2, model1),
                List.of(),
                List.of());

        UI.getCurrent().navigate("compare", QueryParameters.fromString("experiment=" + experiment + "&baseline=" + c));
        settle();
        CompareRunsView view = (CompareRunsView) getCurrentView();

        assertThat(backend.lastCompare).isEqualTo(new CompareQuery(List.of(), List.of(experiment), c.toString()));
        assertThat(view.baseline.isVisible()).isTrue();
        assertThat(view.baseline.getValue()).as("the group holding run c").isEqualTo("model-1 × 2 seeds");
        assertThat(view.exports).hasSize(CompareExport.values().length);
        view.exports.values().forEach(link -> assertThat(link.getHref()).isNotBlank());

        test(view.baseline).selectItem(model2.label());
        settle();
        assertThat(backend.lastCompare)
                .as("choosing another baseline asks again, for the same experiment")
                .isEqualTo(new CompareQuery(List.of(), List.of(experiment), model2.label()));
    }

    @Test
    void manyRunsReadAsTheirConfigs() {
        // 60 runs: three configs (batch sizes) × 20 seeds
        List<CompareView.ComparedRun> runs = new java.util.ArrayList<>();
        java.util.Map<UUID, List<Double>> accuracy = new java.util.LinkedHashMap<>();
        List<Object> batchSizes = new java.util.ArrayList<>();
        List<Object> seeds = new java.util.ArrayList<>();
        List<CompareView.ConfigSummary> summary = new java.util.ArrayList<>();
        List<SeedGroup> groups = new java.util.ArrayList<>();
        CompareView.Stat stat = new CompareView.Stat(0.8, 0.01, 20, 0.79, 0.81);
        for (int config = 0; config < 3; config++) {
            List<UUID> ids = new java.util.ArrayList<>();
            for (int seed = 1; seed <= 20; seed++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                runs.add(new CompareView.ComparedRun(
                        id, "run " + id, "many", "model-2", seed, RunStatus.COMPLETED, null, null));
                accuracy.put(id, List.of(0.7, 0.8));
                batchSizes.add(64 << config);
                seeds.add(seed);
            }
            String name = "model-2 (batchSize " + (64 << config) + ")";
            summary.add(new CompareView.ConfigSummary(name, ids, List.of(1L), stat, stat, stat, stat));
            groups.add(new SeedGroup(
                    name + " × 20 seeds",
                    ids,
                    List.of(1L),
                    List.of(new CompareView.GroupEpoch(1, stat, stat, stat, stat)),
                    stat,
                    stat));
        }
        backend.compareView = new CompareView(
                runs,
                List.of(new ConfigField("batchSize", batchSizes, true), new ConfigField("seed", seeds, true)),
                List.of("batchSize"),
                List.of(1, 2),
                java.util.Map.of("testAccuracy", accuracy),
                groups,
                List.of(),
                summary);
        CompareRunsView view = open(runs.get(0).id());

        assertThat(view.config.getColumns()).hasSize(1 + 3); // the field, then a column per config
        assertThat(test(view.config).getCellText(0, 3)).isEqualTo("256");
        assertThat(view.configNote.getText()).contains("A column per config");
        assertThat(view.metrics.isAllRowsVisible()).as("60 rows scroll").isFalse();
        JsonNode series = CompareRunsView.curves(view.view, CompareRunsView.Curve.TEST_ACCURACY)
                .get("series");
        assertThat(series.size())
                .as("three means with their bands, no lines per run")
                .isEqualTo(3 * 3);
    }

    @Test
    void showsWhereTwoCompletedRunsDiffer() {
        backend.compareView = SampleRuns.compare(a, b, c); // c is still running
        backend.difference = SampleRuns.difference(a, b);
        CompareRunsView view = open(a, b, c);

        assertThat(backend.differencesAsked).containsExactly(List.of(a, b));
        RunDifferencePanel panel = view.difference;
        assertThat(panel.isVisible()).isTrue();
        assertThat(test(panel.perClass).size()).isEqualTo(10);
        assertThat(test(panel.perClass).getCellText(6, 3)).isEqualTo("+5.0 points");
        assertThat(panel.summary.getText()).contains("B gets 2 right that A got wrong and 1 wrong");
        assertThat(panel.fixed.getChildren().count()).isEqualTo(2);
        assertThat(panel.broken.getChildren().count()).isEqualTo(1);
        assertThat(panel.fixed
                        .getChildren()
                        .findFirst()
                        .orElseThrow()
                        .getElement()
                        .getAttribute("data-index"))
                .isEqualTo("17");

        test(panel.runA).selectItem("model-2 #2 (seed 2)");
        test(panel.runB).selectItem("model-2 #1 (seed 1)");
        settle();
        assertThat(backend.differencesAsked).last().isEqualTo(List.of(b, a));
    }

    /** The user picks runs and presses Compare these. */
    private void choose(CompareRunsView view, java.util.Set<RunSummary> runs) {
        view.picker.setValue(runs);
        test(view.applyChoice).click();
    }

    /** Opens /compare?runs=… as a link or the address bar would. */
    private CompareRunsView open(Object... ids) {
        UI.getCurrent()
                .navigate(
                        "compare",
                        QueryParameters.fromString("runs="
                                + Arrays.stream(ids).map(String::valueOf).collect(Collectors.joining(","))));
        settle();
        return (CompareRunsView) getCurrentView();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
