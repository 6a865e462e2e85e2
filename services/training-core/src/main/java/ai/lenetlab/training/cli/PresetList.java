package ai.lenetlab.training.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --presets d2l,model-1,…}: which presets a benchmark covers (default: all). */
final class PresetList {

    @Option(
            names = "--presets",
            split = ",",
            paramLabel = "ID,…",
            defaultValue = "d2l,model-1,model-2,model-3,model-4,lenet-modern,lenet-fast")
    List<String> ids;
}
