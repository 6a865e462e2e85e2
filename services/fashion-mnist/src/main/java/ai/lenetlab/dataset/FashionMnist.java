package ai.lenetlab.dataset;

/** The training and test sets of Fashion-MNIST. */
public record FashionMnist(ImageSet train, ImageSet test) {}
