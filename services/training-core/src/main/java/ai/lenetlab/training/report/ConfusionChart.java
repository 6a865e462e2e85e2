package ai.lenetlab.training.report;

import ai.lenetlab.contracts.FashionMnistClasses;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/** {@code confusion.png}: the test set's confusion matrix as a heatmap with counts, rows = true class. */
public final class ConfusionChart {

    private ConfusionChart() {}

    public static void write(String title, int[][] matrix, Path file) throws IOException {
        int n = matrix.length;
        double[][] xyz = new double[3][n * n];
        int max = 1;
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                int i = t * n + p;
                xyz[0][i] = p;
                xyz[1][i] = n - 1 - t; // first class on top, as a matrix reads
                xyz[2][i] = matrix[t][p];
                max = Math.max(max, matrix[t][p]);
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("counts", xyz);

        String[] names = FashionMnistClasses.NAMES.toArray(String[]::new);
        String[] reversed = new String[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = names[n - 1 - i];
        }
        SymbolAxis predicted = new SymbolAxis("predicted", names);
        predicted.setVerticalTickLabels(true);
        SymbolAxis actual = new SymbolAxis("true", reversed);

        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale(max));
        XYPlot plot = new XYPlot(data, predicted, actual, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        for (int i = 0; i < n * n; i++) {
            XYTextAnnotation label = new XYTextAnnotation(String.valueOf((int) xyz[2][i]), xyz[0][i], xyz[1][i]);
            label.setFont(font);
            label.setPaint(xyz[2][i] > max * 0.6 ? Color.WHITE : Color.BLACK);
            plot.addAnnotation(label);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 760, 720);
    }

    /** White to dark blue in 32 steps. */
    private static LookupPaintScale scale(int max) {
        LookupPaintScale scale = new LookupPaintScale(0, max + 1.0, Color.WHITE);
        int steps = 32;
        for (int s = 0; s < steps; s++) {
            float f = (float) s / (steps - 1);
            scale.add(
                    max * (double) s / steps, new Color((int) (255 - f * (255 - 8)), (int) (255 - f * (255 - 48)), (int)
                            (255 - f * (255 - 107))));
        }
        return scale;
    }
}
