package ai.lenetlab.frontend.components;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/** Builds the ECharts options LeNet Lab draws: curves per epoch, mean ± std bands, a confusion heatmap. */
public final class ChartOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One curve; {@code values} aligned to the chart's epochs, null where the run has no value. */
    public record Line(String name, List<Double> values) {}

    /** Runs that differ only by seed: their mean, and a band of ± one standard deviation around it. */
    public record Band(String name, List<Double> mean, List<Double> std) {}

    private ChartOptions() {}

    /** Curves over epochs, one series per line, then each band as a mean line with a shaded ± std area. */
    public static ObjectNode curves(
            String title, String yAxisName, List<Integer> epochs, List<Line> lines, List<Band> bands) {
        ObjectNode option = base(title);
        // a tooltip line per series and a legend entry each read for a few; for dozens, the series
        // under the pointer says what it is (and a legend of hundreds costs seconds to lay out)
        boolean many = lines.size() + bands.size() > 24;
        option.putObject("tooltip").put("trigger", many ? "item" : "axis");
        ArrayNode legend = option.putObject("legend")
                .put("show", !many)
                .put("type", "scroll")
                .put("top", 26)
                .putArray("data");
        ObjectNode x = option.putObject("xAxis")
                .put("type", "category")
                .put("name", "epoch")
                .put("boundaryGap", false);
        epochs.forEach(x.putArray("data")::add);
        option.putObject("yAxis").put("type", "value").put("name", yAxisName).put("scale", true);
        ArrayNode series = option.putArray("series");
        for (Line line : lines) {
            legend.add(line.name());
            series.add(line(line.name(), line.values()));
        }
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            legend.add(band.name());
            series.add(line(band.name(), band.mean()).put("z", 3));
            // ECharts draws a band as two stacked series: an invisible lower edge, then the band's height
            String stack = "band-" + i;
            series.add(edge(band.name() + " − std", stack, combine(band.mean(), band.std(), (m, s) -> m - s)));
            ObjectNode height = edge(band.name() + " ± std", stack, combine(band.std(), band.std(), (s, t) -> 2 * s));
            height.putObject("areaStyle").put("opacity", 0.18);
            series.add(height);
        }
        return option;
    }

    /** A model's class probabilities as bars, one per class. */
    public static ObjectNode probabilities(List<Double> probabilities, List<String> classes) {
        ObjectNode option = base("Class probabilities");
        option.putObject("tooltip").put("trigger", "axis");
        ObjectNode x = option.putObject("xAxis").put("type", "category");
        classes.forEach(x.putArray("data")::add);
        x.putObject("axisLabel").put("interval", 0).put("rotate", 30);
        option.putObject("yAxis").put("type", "value").put("min", 0).put("max", 1);
        ObjectNode bars =
                option.putArray("series").addObject().put("type", "bar").put("name", "probability");
        probabilities.forEach(bars.putArray("data")::add);
        return option;
    }

    /** The confusion matrix as a heatmap: rows true classes, columns predicted ones. */
    public static ObjectNode confusion(int[][] matrix, List<String> classes) {
        ObjectNode option = heatmap("Confusion matrix (test set)", matrix, classes);
        scale(option, 0, largest(matrix));
        return option;
    }

    /**
     * Run B's confusion matrix minus run A's, blue where B has more, red where it has fewer: on the
     * diagonal blue is better, off it red is.
     */
    public static ObjectNode confusionDelta(int[][] delta, List<String> classes) {
        ObjectNode option = heatmap("Confusion matrix, B − A (diagonal: right answers)", delta, classes);
        int max = largest(delta);
        scale(option, -max, max)
                .putObject("inRange")
                .putArray("color")
                .add("#b2182b")
                .add("#f7f7f7")
                .add("#2166ac");
        return option;
    }

    /** The largest count in the matrix, in absolute value (at least 1). */
    private static int largest(int[][] matrix) {
        int max = 1;
        for (int[] row : matrix) {
            for (int count : row) {
                max = Math.max(max, Math.abs(count));
            }
        }
        return max;
    }

    /** A heatmap's colour scale from min to max, not drawn. */
    private static ObjectNode scale(ObjectNode option, int min, int max) {
        return option.putObject("visualMap")
                .put("min", min)
                .put("max", max)
                .put("calculable", true)
                .put("orient", "horizontal")
                .put("left", "center")
                .put("bottom", 0)
                .put("show", false);
    }

    /** A searched parameter as an axis: numbers (on a log scale if asked) or categories. */
    public record Axis(String name, boolean log, List<String> categories) {}

    /**
     * Parallel coordinates: one line per trial through its parameters' values and its objective (the
     * last axis), coloured by the objective. Category values go in as their text.
     */
    public static ObjectNode parallel(String title, List<Axis> axes, String objective, List<List<Object>> rows) {
        ObjectNode option = base(title);
        option.putObject("parallel")
                .put("left", 60)
                .put("right", 90)
                .put("top", 60)
                .put("bottom", 30);
        ArrayNode parallelAxes = option.putArray("parallelAxis");
        for (int i = 0; i < axes.size(); i++) {
            Axis axis = axes.get(i);
            ObjectNode node = parallelAxes.addObject().put("dim", i).put("name", axis.name());
            if (axis.categories() != null) {
                node.put("type", "category");
                axis.categories().forEach(node.putArray("data")::add);
            } else {
                node.put("type", axis.log() ? "log" : "value").put("scale", true);
            }
        }
        parallelAxes.addObject().put("dim", axes.size()).put("name", objective).put("scale", true);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        ArrayNode data = JSON.createArrayNode();
        for (List<Object> row : rows) {
            ArrayNode line = data.addArray();
            row.forEach(value -> line.add(JSON.valueToTree(value)));
            double value = ((Number) row.get(row.size() - 1)).doubleValue();
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        ObjectNode visualMap = option.putObject("visualMap")
                .put("type", "continuous")
                .put("dimension", axes.size())
                .put("min", rows.isEmpty() ? 0 : min)
                .put("max", rows.isEmpty() ? 1 : max)
                .put("calculable", true)
                .put("right", 0)
                .put("top", "middle");
        visualMap
                .putObject("inRange")
                .putArray("color")
                .add("#d73027")
                .add("#fee08b")
                .add("#1a9850");
        ObjectNode series =
                option.putArray("series").addObject().put("type", "parallel").put("name", "trials");
        series.putObject("lineStyle").put("width", 2).put("opacity", 0.7);
        series.set("data", data);
        return option;
    }

    /** The objective against one parameter, a point per trial. */
    public static ObjectNode scatter(Axis parameter, String objective, List<List<Object>> points) {
        ObjectNode option = base(objective + " by " + parameter.name());
        option.putObject("tooltip").put("trigger", "item");
        ObjectNode x = option.putObject("xAxis").put("name", parameter.name());
        if (parameter.categories() != null) {
            x.put("type", "category");
            parameter.categories().forEach(x.putArray("data")::add);
        } else {
            x.put("type", parameter.log() ? "log" : "value").put("scale", true);
        }
        option.putObject("yAxis").put("type", "value").put("name", objective).put("scale", true);
        ObjectNode series =
                option.putArray("series").addObject().put("type", "scatter").put("symbolSize", 10);
        ArrayNode data = series.putArray("data");
        points.forEach(p -> {
            ArrayNode point = data.addArray();
            p.forEach(value -> point.add(JSON.valueToTree(value)));
        });
        return option;
    }

    private static ObjectNode heatmap(String title, int[][] matrix, List<String> classes) {
        ObjectNode option = base(title);
        option.putObject("tooltip").put("position", "top");
        option.putObject("grid")
                .put("left", 100)
                .put("right", 20)
                .put("top", 40)
                .put("bottom", 90);
        ObjectNode x = option.putObject("xAxis")
                .put("type", "category")
                .put("name", "predicted")
                .put("nameLocation", "middle")
                .put("nameGap", 70);
        x.putObject("axisLabel").put("rotate", 45).put("interval", 0);
        classes.forEach(x.putArray("data")::add);
        ObjectNode y = option.putObject("yAxis")
                .put("type", "category")
                .put("name", "true")
                .put("inverse", true);
        y.putObject("axisLabel").put("interval", 0);
        classes.forEach(y.putArray("data")::add);
        ArrayNode data = JSON.createArrayNode();
        for (int t = 0; t < matrix.length; t++) {
            for (int p = 0; p < matrix[t].length; p++) {
                data.addArray().add(p).add(t).add(matrix[t][p]);
            }
        }
        ObjectNode heatmap =
                option.putArray("series").addObject().put("name", "test images").put("type", "heatmap");
        heatmap.set("data", data);
        heatmap.putObject("label").put("show", true).put("fontSize", 10);
        return option;
    }

    private static ObjectNode base(String title) {
        ObjectNode option = JSON.createObjectNode();
        option.putObject("title").put("text", title).putObject("textStyle").put("fontSize", 14);
        option.putObject("grid").put("left", 60).put("right", 24).put("top", 80).put("bottom", 36);
        option.put("animation", false);
        return option;
    }

    private static ObjectNode line(String name, List<Double> values) {
        ObjectNode series = JSON.createObjectNode()
                .put("name", name)
                .put("type", "line")
                .put("connectNulls", false)
                .put("symbolSize", 5);
        ArrayNode data = series.putArray("data");
        values.forEach(v -> {
            if (v == null || v.isNaN()) {
                data.addNull();
            } else {
                data.add(v);
            }
        });
        return series;
    }

    /** An invisible line stacked on {@code stack}: the lower edge of a band, or the band's height above it. */
    private static ObjectNode edge(String name, String stack, ArrayNode data) {
        ObjectNode series = JSON.createObjectNode()
                .put("name", name)
                .put("type", "line")
                .put("stack", stack)
                .put("symbol", "none")
                .put("silent", true);
        series.putObject("lineStyle").put("opacity", 0);
        series.putObject("tooltip").put("show", false);
        series.set("data", data);
        return series;
    }

    /** f(a, b) per epoch; null where either is missing. */
    private static ArrayNode combine(List<Double> a, List<Double> b, DoubleBinaryOperator f) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < a.size(); i++) {
            Double x = a.get(i);
            Double y = i < b.size() ? b.get(i) : null;
            if (x == null || y == null || x.isNaN() || y.isNaN()) {
                out.addNull();
            } else {
                out.add(f.applyAsDouble(x, y));
            }
        }
        return out;
    }
}
