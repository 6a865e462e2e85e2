package ai.lenetlab.training.cli;

import ai.lenetlab.contracts.RunConfig;
import ai.lenetlab.training.model.SafetensorsWeights;
import ai.lenetlab.training.report.RunOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write a trained run's weights as safetensors for PyTorch.",
            "The names and shapes are those of the same network as an nn.Sequential (the report's model 1 is one):",
            "  net.load_state_dict(safetensors.torch.load_file('model.safetensors'))"
        })
final class ExportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A folder written by `lenetlab train --out`.")
    Path runDir;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description =
                    "Where the safetensors file goes (default RUN_DIR/model" + SafetensorsWeights.EXTENSION + ").")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(runDir.resolve(RunOutputs.METRICS))
                || !Files.isRegularFile(runDir.resolve(RunOutputs.MODEL))) {
            throw new IllegalArgumentException(runDir + " has no " + RunOutputs.METRICS + " and " + RunOutputs.MODEL
                    + " (written by train --out)");
        }
        RunConfig config = RunOutputs.read(runDir).config();
        Path target = out != null ? out : runDir.resolve("model" + SafetensorsWeights.EXTENSION);
        Files.write(target, SafetensorsWeights.of(config, Files.readAllBytes(runDir.resolve(RunOutputs.MODEL))));
        System.out.println("wrote " + target.toAbsolutePath());
        return 0;
    }
}
