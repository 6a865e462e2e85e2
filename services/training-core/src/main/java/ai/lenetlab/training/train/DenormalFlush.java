package ai.lenetlab.training.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns on flush-to-zero for denormal floats, as {@code torch.set_flush_denormal(True)} does.
 *
 * <p>Why: late in a run Adam's decayed updates become subnormal and every multiply on them takes
 * the slow path; model-2 fell from ~16k to ~10k examples/s after epoch 7 without this. DJL has no
 * such call, so we call libtorch's {@code at::globalContext().setFlushDenormal(true)} through JNA.
 * It sets the calling thread's MXCSR, and threads inherit it when they are created: call it on the
 * training thread before its first tensor operation, so that libtorch's OpenMP workers, started
 * from that thread, inherit it too.
 */
public final class DenormalFlush {

    private static final Logger LOG = LoggerFactory.getLogger(DenormalFlush.class);
    private static final String GLOBAL_CONTEXT = "_ZN2at13globalContextEv";
    private static final String SET_FLUSH_DENORMAL = "_ZN2at7Context16setFlushDenormalEb";

    private static volatile boolean warned;

    private DenormalFlush() {}

    /** @return whether flushing is now on for the calling thread */
    public static boolean enableOnCurrentThread() {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return false;
        }
        try {
            Path lib = Path.of(LibUtils.getLibtorchPath(), "libtorch_cpu.so");
            if (!Files.exists(lib)) {
                return warnOnce("libtorch_cpu.so not found in " + lib.getParent());
            }
            NativeLibrary torch = NativeLibrary.getInstance(lib.toString());
            Pointer context = torch.getFunction(GLOBAL_CONTEXT).invokePointer(new Object[0]);
            Function setFlush = torch.getFunction(SET_FLUSH_DENORMAL);
            boolean on = (setFlush.invokeInt(new Object[] {context, 1}) & 0xff) != 0;
            return on || warnOnce("this CPU does not support flushing denormals");
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return warnOnce(e.toString());
        }
    }

    private static boolean warnOnce(String why) {
        if (!warned) {
            warned = true;
            LOG.warn("Denormal flushing is off ({}); late epochs may train slower.", why);
        }
        return false;
    }
}
