package ai.lenetlab.training.cli;

import ai.lenetlab.contracts.Preset;
import ai.lenetlab.contracts.Presets;
import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.training.report.RunOutputs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "presets", mixinStandardHelpOptions = true, description = "List the presets and their settings.")
final class PresetsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print them as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (json) {
            System.out.println(RunOutputs.JSON.writeValueAsString(Presets.all()));
            return 0;
        }
        for (Preset p : Presets.all()) {
            RunConfig c = p.config();
            System.out.printf(
                    "%-13s %s%s%n",
                    p.id(),
                    p.title(),
                    p.reportedAccuracy() == null
                            ? ""
                            : String.format(" (reported: %.0f%%)", 100 * p.reportedAccuracy()));
            System.out.printf("              %s%n", p.description());
            System.out.printf(
                    "              %s/%s, conv %d/%d k%d, fc %d/%d, dropout %s, batch norm %s, init %s%n",
                    c.activation().id(),
                    c.pooling().id(),
                    c.conv1Channels(),
                    c.conv2Channels(),
                    c.kernelSize(),
                    c.fc1Units(),
                    c.fc2Units(),
                    c.dropout(),
                    c.batchNorm(),
                    c.weightInit().id());
            System.out.printf(
                    "              %s lr %s wd %s, batch %d, %d epochs, schedule %s%s, inputs %s, augmentation %s, seed %d%n%n",
                    c.optimizer().id(),
                    c.learningRate(),
                    c.weightDecay(),
                    c.batchSize(),
                    c.epochs(),
                    c.lrSchedule().id(),
                    c.lrSchedule().id().equals("step") ? "(" + c.lrStepSize() + ", " + c.lrGamma() + ")" : "",
                    c.normalization().id(),
                    c.augmentation().id(),
                    c.seed());
        }
        return 0;
    }
}
