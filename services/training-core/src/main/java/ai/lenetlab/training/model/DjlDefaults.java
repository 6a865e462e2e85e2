package ai.lenetlab.training.model;

/**
 * The system properties DJL reads before its engine loads, for every process that loads one: libtorch
 * from the class path (offline, never a download), its cache where given, no telemetry, and a set
 * number of intra-op threads unless a {@code -D} on the command line says otherwise.
 */
public final class DjlDefaults {

    public static final String THREADS = "ai.djl.pytorch.num_threads";

    private DjlDefaults() {}

    public static void apply(String cacheDir, int threads) {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getenv("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", cacheDir);
        }
        if (System.getProperty(THREADS) == null) {
            System.setProperty(THREADS, String.valueOf(threads));
        }
    }
}
