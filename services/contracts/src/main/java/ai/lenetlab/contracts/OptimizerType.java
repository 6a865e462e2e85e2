package ai.lenetlab.contracts;

/**
 * Update rule, with PyTorch's semantics: {@code adam} adds weight decay to the gradient (L2, like
 * {@code torch.optim.Adam(weight_decay=…)}), {@code adamw} decouples it.
 */
public enum OptimizerType implements ConfigChoice {
    SGD,
    SGD_MOMENTUM,
    ADAM,
    ADAMW
}
