package ai.lenetlab.training.train;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes glibc's malloc keep freed tensor memory instead of handing it back to the kernel.
 *
 * <p>Why: every batch allocates and frees the same few activation tensors (up to ~5 MB each).
 * glibc serves blocks that size with mmap/munmap, so each batch page-faults its memory in anew;
 * measured here, model-2 trained at ~8,200 examples/s that way and ~10,500 with these settings,
 * and evaluation went from ~14,500 to ~26,000 examples/s. Setting the thresholds explicitly (as
 * {@code MALLOC_MMAP_THRESHOLD_} etc. would) also switches off glibc's slow adaptive warm-up.
 * Process-wide, idempotent; a no-op where the C library is not glibc.
 */
public final class MallocTuning {

    private static final Logger LOG = LoggerFactory.getLogger(MallocTuning.class);
    // mallopt parameters, from glibc's malloc.h
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;

    private static volatile boolean applied;

    private MallocTuning() {}

    public static synchronized void apply() {
        if (applied
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return;
        }
        applied = true;
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            boolean ok = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, 32 << 20}) == 1
                    & mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, 512 << 20}) == 1
                    & mallopt.invokeInt(new Object[] {M_TOP_PAD, 64 << 20}) == 1;
            if (!ok) {
                LOG.warn("glibc refused a malloc setting; training may run slower");
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("no glibc mallopt here ({}); allocator left as it is", e.toString());
        }
    }
}
