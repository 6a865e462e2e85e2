package ai.lenetlab.experiments.service;

import ai.lenetlab.contracts.EpochMetric;
import ai.lenetlab.contracts.api.CompareView;
import ai.lenetlab.contracts.api.CompareView.ComparedRun;
import ai.lenetlab.contracts.api.CompareView.ConfigField;
import ai.lenetlab.contracts.api.CompareView.ConfigSummary;
import ai.lenetlab.contracts.api.CompareView.Stat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * A comparison as files for a paper or a notebook: the epochs as CSV (a row per run and epoch), the
 * per-config summary as CSV, and the summary as a Markdown or a LaTeX table (mean ± std over seeds,
 * the best value of each column in bold).
 */
public final class CompareExports {

    /** The summary's columns: name, header in tables, value; accuracies are in %, and higher is better. */
    private enum Column {
        FINAL_TEST_ACCURACY("finalTestAccuracy", "Final test accuracy (%)", ConfigSummary::finalTestAccuracy, true),
        BEST_TEST_ACCURACY("bestTestAccuracy", "Best test accuracy (%)", ConfigSummary::bestTestAccuracy, true),
        FINAL_TEST_LOSS("finalTestLoss", "Final test loss", ConfigSummary::finalTestLoss, false),
        BEST_TEST_LOSS("bestTestLoss", "Best-epoch test loss", ConfigSummary::bestTestLoss, false);

        final String key;
        final String title;
        final Function<ConfigSummary, Stat> stat;
        final boolean accuracy;

        Column(String key, String title, Function<ConfigSummary, Stat> stat, boolean accuracy) {
            this.key = key;
            this.title = title;
            this.stat = stat;
            this.accuracy = accuracy;
        }

        /** The config with the best mean in this column, if any has a value. */
        ConfigSummary best(List<ConfigSummary> rows) {
            Comparator<ConfigSummary> byMean =
                    Comparator.comparingDouble(r -> stat.apply(r).mean());
            return rows.stream()
                    .filter(r -> stat.apply(r) != null)
                    .max(accuracy ? byMean : byMean.reversed())
                    .orElse(null);
        }

        String format(ConfigSummary row, String plusMinus) {
            Stat s = stat.apply(row);
            if (s == null) {
                return "–";
            }
            double scale = accuracy ? 100 : 1;
            String pattern = accuracy ? "%.2f" : "%.4f";
            String mean = String.format(Locale.ROOT, pattern, s.mean() * scale);
            return s.n() < 2 ? mean : mean + plusMinus + String.format(Locale.ROOT, pattern, s.std() * scale);
        }
    }

    private CompareExports() {}

    /** A row per run and epoch: the run, its config fields that differ, and every epoch metric. */
    public static String epochsCsv(CompareView view) {
        List<ConfigField> differing = view.config().stream()
                .filter(f -> f.differs() || f.name().equals("seed"))
                .toList();
        List<String> header = new ArrayList<>(List.of("runId", "run", "experiment", "preset", "status"));
        differing.forEach(f -> header.add(f.name()));
        header.add("epoch");
        for (EpochMetric metric : EpochMetric.values()) {
            header.add(metric.key());
        }
        return csv(header, printer -> {
            for (int i = 0; i < view.runs().size(); i++) {
                ComparedRun run = view.runs().get(i);
                List<Object> cells = new ArrayList<>(List.of(
                        run.id(), run.label(), run.experimentName(), Objects.toString(run.preset(), ""), run.status()));
                for (ConfigField field : differing) {
                    cells.add(field.values().get(i));
                }
                List<Double> trained =
                        view.series().get(EpochMetric.TEST_ACCURACY.key()).get(run.id());
                boolean any = false;
                for (int e = 0; e < view.epochNumbers().size(); e++) {
                    if (trained.get(e) == null) {
                        continue; // past this run's last epoch
                    }
                    List<Object> row = new ArrayList<>(cells);
                    row.add(view.epochNumbers().get(e));
                    for (EpochMetric metric : EpochMetric.values()) {
                        row.add(view.series().get(metric.key()).get(run.id()).get(e));
                    }
                    printer.add(row);
                    any = true;
                }
                if (!any) { // a run without epochs yet still has its row, the epoch columns empty
                    while (cells.size() < header.size()) {
                        cells.add(null);
                    }
                    printer.add(cells);
                }
            }
        });
    }

    /** A row per config (seed apart): its runs and each outcome's mean, std, n and 95 % interval. */
    public static String summaryCsv(CompareView view) {
        List<String> header = new ArrayList<>(List.of("config", "runs", "seeds"));
        for (Column column : Column.values()) {
            for (String part : List.of("Mean", "Std", "N", "Ci95Low", "Ci95High")) {
                header.add(column.key + part);
            }
        }
        return csv(header, printer -> {
            for (ConfigSummary row : view.summary()) {
                List<Object> cells = new ArrayList<>(List.of(row.config(), join(row.runIds()), join(row.seeds())));
                for (Column column : Column.values()) {
                    Stat s = column.stat.apply(row);
                    cells.add(s == null ? null : s.mean());
                    cells.add(s == null ? null : s.std());
                    cells.add(s == null ? null : s.n());
                    cells.add(s == null ? null : s.ci95Low());
                    cells.add(s == null ? null : s.ci95High());
                }
                printer.add(cells);
            }
        });
    }

    /** The summary as a GitHub-flavoured Markdown table. */
    public static String markdown(CompareView view) {
        List<ConfigSummary> rows = view.summary();
        StringBuilder out = new StringBuilder("| Config | Seeds |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (Column column : Column.values()) {
            out.append(' ').append(column.title).append(" |");
            rule.append("---:|");
        }
        out.append('\n').append(rule).append('\n');
        for (ConfigSummary row : rows) {
            out.append("| ")
                    .append(row.config().replace("|", "\\|"))
                    .append(" | ")
                    .append(row.runIds().size())
                    .append(" |");
            for (Column column : Column.values()) {
                String cell = column.format(row, " ± ");
                out.append(' ')
                        .append(column.best(rows) == row && rows.size() > 1 ? "**" + cell + "**" : cell)
                        .append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The summary as a LaTeX tabular (booktabs). */
    public static String latex(CompareView view) {
        List<ConfigSummary> rows = view.summary();
        StringBuilder out = new StringBuilder("\\begin{tabular}{lr")
                .append("r".repeat(Column.values().length))
                .append("}\n\\toprule\nConfig & Seeds");
        for (Column column : Column.values()) {
            out.append(" & ").append(tex(column.title));
        }
        out.append(" \\\\\n\\midrule\n");
        for (ConfigSummary row : rows) {
            out.append(tex(row.config())).append(" & ").append(row.runIds().size());
            for (Column column : Column.values()) {
                String cell = "$" + column.format(row, " \\pm ") + "$";
                if (column.stat.apply(row) == null) {
                    cell = "--";
                } else if (column.best(rows) == row && rows.size() > 1) {
                    cell = "$\\mathbf{" + column.format(row, " \\pm ") + "}$";
                }
                out.append(" & ").append(cell);
            }
            out.append(" \\\\\n");
        }
        return out.append("\\bottomrule\n\\end{tabular}\n").toString();
    }

    /** Text safe inside LaTeX: its ten special characters escaped. */
    static String tex(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(
                    switch (c) {
                        case '\\' -> "\\textbackslash{}";
                        case '~' -> "\\textasciitilde{}";
                        case '^' -> "\\textasciicircum{}";
                        case '&', '%', '$', '#', '_', '{', '}' -> "\\" + c;
                        case '×' -> "$\\times$";
                        default -> String.valueOf(c);
                    });
        }
        return out.toString();
    }

    private static String join(List<?> values) {
        return String.join(" ", values.stream().map(String::valueOf).toList());
    }

    private interface Records {
        void add(List<?> cells) throws IOException;
    }

    private interface Rows {
        void print(Records printer) throws IOException;
    }

    /**
     * A text cell a spreadsheet would run as a formula ({@code =cmd|' /C calc'!A0}: it starts with = + - @,
     * a tab or a carriage return) gets a leading single quote, which spreadsheets show as text (OWASP's
     * advice against CSV injection); numbers are left as they are. Every text cell is quoted.
     */
    static Object cell(Object value) {
        if (value instanceof Number || value == null) {
            return value;
        }
        String text = value.toString();
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static String csv(List<String> header, Rows rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.RFC4180
                .builder()
                .setHeader(header.toArray(String[]::new))
                .setQuoteMode(QuoteMode.NON_NUMERIC)
                .get()
                .print(out)) {
            rows.print(cells ->
                    printer.printRecord(cells.stream().map(CompareExports::cell).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
