package org.attention4j.models.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attention4j.tensor.Tensor;

/**
 * An optimizer's state as a checkpoint keeps it: what {@code Optimizer.stateTensors()} and
 * {@code Optimizer.stateMeta()} return, and what {@code Optimizer.loadState(tensors, meta)}
 * takes. (Plain maps, so that this package needs no optimizer code.)
 *
 * @param tensors per-parameter state ({@code exp_avg.<param>}, ...), saved in {@code optimizer.safetensors}
 * @param meta step count, learning rate, hyper-parameters (JSON-compatible), saved in {@code
 *     trainer.json} under {@code "optimizer"}
 */
public record OptimizerState(Map<String, Tensor> tensors, Map<String, Object> meta) {
  public OptimizerState {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors)); // keeps the order
    meta = Collections.unmodifiableMap(new LinkedHashMap<>(meta));
  }
}
