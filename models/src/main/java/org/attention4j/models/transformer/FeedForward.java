package org.attention4j.models.transformer;

import java.util.random.RandomGenerator;
import org.attention4j.nn.Dropout;
import org.attention4j.nn.Init;
import org.attention4j.nn.Linear;
import org.attention4j.nn.Module;
import org.attention4j.tensor.Tensor;

/**
 * The position-wise feed-forward network (Vaswani et al. 2017, eq. 2):
 * {@code FFN(x) = act(x W_1 + b_1) W_2 + b_2}, {@code d_model -> d_ff -> d_model}, with dropout
 * after the activation. Weights Xavier-uniform, biases zero.
 */
final class FeedForward extends Module {
  private final Linear w1;
  private final Linear w2;
  private final Dropout dropout;
  private final TransformerConfig.Activation activation;

  FeedForward(TransformerConfig c, RandomGenerator rng) {
    activation = c.activation();
    w1 = child("w1", xavier(new Linear(c.dModel(), c.ffDim(), true, rng), rng));
    w2 = child("w2", xavier(new Linear(c.ffDim(), c.dModel(), true, rng), rng));
    dropout = child("dropout", new Dropout(c.activationDropout(), rng));
  }

  /** Xavier-uniform weight, zero bias: the init of the reference implementations. */
  static Linear xavier(Linear l, RandomGenerator rng) {
    Init.xavierUniform(l.weight(), 1.0, rng);
    if (l.bias() != null) Init.zeros(l.bias());
    return l;
  }

  /** {@code (B, T, d_model) -> (B, T, d_model)}. */
  Tensor forward(Tensor x) {
    Tensor h = w1.forward(x); // (B, T, d_model) -> (B, T, d_ff)
    h = activation == TransformerConfig.Activation.RELU ? h.relu() : h.gelu();
    return w2.forward(dropout.forward(h)); // (B, T, d_ff) -> (B, T, d_model)
  }
}
