package ai.lenetlab.training.report;

import ai.lenetlab.contracts.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** {@code curves.png}: loss and accuracy per epoch, train and test, one panel each. */
public final class CurvesChart {

    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color TEST = new Color(0xd62728);

    private CurvesChart() {}

    public static void write(String title, List<EpochMetrics> epochs, Path file) throws IOException {
        NumberAxis epochAxis = new NumberAxis("epoch");
        epochAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochAxis);
        plot.setGap(12);
        plot.add(panel("loss", epochs, EpochMetrics::trainLoss, EpochMetrics::testLoss, false));
        plot.add(panel("accuracy", epochs, EpochMetrics::trainAccuracy, EpochMetrics::testAccuracy, true));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 700);
    }

    private static XYPlot panel(
            String name,
            List<EpochMetrics> epochs,
            ToDoubleFunction<EpochMetrics> train,
            ToDoubleFunction<EpochMetrics> test,
            boolean unitRange) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("train " + name, epochs, train));
        data.addSeries(series("test " + name, epochs, test));
        NumberAxis axis = new NumberAxis(name);
        axis.setAutoRangeIncludesZero(false);
        if (unitRange) {
            axis.setUpperBound(1.0);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, TRAIN);
        renderer.setSeriesPaint(1, TEST);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesStroke(1, new BasicStroke(2f));
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static XYSeries series(String key, List<EpochMetrics> epochs, ToDoubleFunction<EpochMetrics> value) {
        XYSeries series = new XYSeries(key);
        for (EpochMetrics e : epochs) {
            series.add(e.epoch(), value.applyAsDouble(e));
        }
        return series;
    }
}
