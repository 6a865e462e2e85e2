package ai.lenetlab.training.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process, from /proc (Linux); -1 where that is not available. */
final class ProcessMemory {

    private ProcessMemory() {}

    /** Current resident set size in MiB. */
    static long residentMiB() {
        return statusKiB("VmRSS:") / 1024;
    }

    /** Peak resident set size in MiB since the process started. */
    static long peakResidentMiB() {
        return statusKiB("VmHWM:") / 1024;
    }

    private static long statusKiB(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the figures are printed as -1
        }
        return -1024;
    }
}
