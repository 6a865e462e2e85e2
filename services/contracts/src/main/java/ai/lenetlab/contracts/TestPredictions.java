package ai.lenetlab.contracts;

/**
 * Every test image's true and predicted class, a byte per image in test-set order: true label × 16 +
 * predicted label (both 0–9). 10 KB for the whole test set; two runs' bytes tell which images one
 * gets right and the other wrong.
 */
public final class TestPredictions {

    private TestPredictions() {}

    public static byte[] encode(byte[] trueLabels, int[] predicted) {
        if (trueLabels.length != predicted.length) {
            throw new IllegalArgumentException(trueLabels.length + " labels but " + predicted.length + " predictions");
        }
        byte[] out = new byte[predicted.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (trueLabels[i] << 4 | predicted[i]);
        }
        return out;
    }

    public static int trueLabel(byte encoded) {
        return (encoded >> 4) & 0x0f;
    }

    public static int predicted(byte encoded) {
        return encoded & 0x0f;
    }

    public static boolean correct(byte encoded) {
        return trueLabel(encoded) == predicted(encoded);
    }
}
