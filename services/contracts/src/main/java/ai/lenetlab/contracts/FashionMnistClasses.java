package ai.lenetlab.contracts;

import java.util.List;

/** The ten Fashion-MNIST classes, indexed by label. */
public final class FashionMnistClasses {

    public static final List<String> NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    public static final int COUNT = NAMES.size();

    private FashionMnistClasses() {}

    public static String name(int label) {
        return NAMES.get(label);
    }
}
