package ai.lenetlab.training.report;

import ai.lenetlab.contracts.RunReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files a finished run leaves in its output folder, besides the model. */
public final class RunOutputs {

    public static final String METRICS = "metrics.json";
    public static final String CURVES = "curves.png";
    public static final String PREDICTIONS = "predictions.png";
    public static final String CONFUSION = "confusion.png";
    public static final String MODEL = "model.params";

    public static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private RunOutputs() {}

    /** Writes metrics.json, curves.png, predictions.png and confusion.png into {@code dir}. */
    public static void write(String title, RunReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve(METRICS).toFile(), report);
        CurvesChart.write(title, report.epochs(), dir.resolve(CURVES));
        PredictionGrid.write(report.predictions(), dir.resolve(PREDICTIONS));
        ConfusionChart.write(title + ": confusion matrix (test set)", report.confusionMatrix(), dir.resolve(CONFUSION));
    }

    public static RunReport read(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(METRICS).toFile(), RunReport.class);
    }
}
