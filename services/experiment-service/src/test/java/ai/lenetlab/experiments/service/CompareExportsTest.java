package ai.lenetlab.experiments.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.CompareView.ConfigSummary;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The tables' text, where it can go wrong: special characters, the best marked, missing values. */
class CompareExportsTest {

    private static ConfigSummary row(String config, double... finals) {
        return new ConfigSummary(
                config,
                java.util.stream.IntStream.range(0, finals.length)
                        .mapToObj(i -> UUID.randomUUID())
                        .toList(),
                java.util.stream.IntStream.rangeClosed(1, finals.length)
                        .mapToObj(i -> (long) i)
                        .toList(),
                finals.length == 0 ? null : Significance.stat(finals),
                finals.length == 0 ? null : Significance.stat(finals),
                finals.length == 0 ? null : Significance.stat(new double[] {0.3}),
                finals.length == 0 ? null : Significance.stat(new double[] {0.3}));
    }

    private static CompareView view(ConfigSummary... rows) {
        return new CompareView(
                List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(rows));
    }

    @Test
    void csvCellsASpreadsheetWouldRunAsAFormulaAreText() throws Exception {
        List<String> configs = List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", "a=b");
        String csv = CompareExports.summaryCsv(
                view(configs.stream().map(c -> row(c, -0.5)).toArray(ConfigSummary[]::new)));
        List<String> cells = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new java.io.StringReader(csv))
                .getRecords()
                .stream()
                .map(r -> r.get("config"))
                .toList();
        assertThat(cells).containsExactly("'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "plain", "a=b");
        assertThat(csv).contains("\"'=1+1\"").contains(",-0.5,"); // a negative number stays a number
    }

    @Test
    void latexEscapesItsSpecialCharacters() {
        assertThat(CompareExports.tex("a_b & 50% #1 {x} $y ~ ^ \\"))
                .isEqualTo(
                        "a\\_b \\& 50\\% \\#1 \\{x\\} \\$y \\textasciitilde{} \\textasciicircum{} \\textbackslash{}");
        String table = CompareExports.latex(view(row("my_config", 0.9, 0.92), row("other", 0.8, 0.84)));
        assertThat(table)
                .contains("my\\_config & 2 & $\\mathbf{91.00 \\pm 1.41}$")
                .contains("other & 2 & $82.00 \\pm 2.83$")
                .endsWith("\\bottomrule\n\\end{tabular}\n");
    }

    @Test
    void markdownMarksTheBestOfEachColumnAndShowsSingleRunsWithoutSpread() {
        String table = CompareExports.markdown(view(row("a|b", 0.8), row("c", 0.9, 0.92), row("queued")));
        assertThat(table.lines().toList())
                .containsExactly(
                        "| Config | Seeds | Final test accuracy (%) | Best test accuracy (%) | Final test loss | Best-epoch test loss |",
                        "|---|---:|---:|---:|---:|---:|",
                        "| a\\|b | 1 | 80.00 | 80.00 | **0.3000** | **0.3000** |",
                        "| c | 2 | **91.00 ± 1.41** | **91.00 ± 1.41** | 0.3000 | 0.3000 |",
                        "| queued | 0 | – | – | – | – |");
    }

    @Test
    void oneConfigIsNotCalledBest() {
        assertThat(CompareExports.markdown(view(row("only", 0.9, 0.91)))).doesNotContain("**");
    }
}
