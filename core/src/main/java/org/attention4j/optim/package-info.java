/**
 * Optimisers, gradient clipping and learning-rate schedules.
 *
 * <ul>
 *   <li>{@link org.attention4j.optim.Optimizer}: the base of {@link org.attention4j.optim.SGD},
 *       {@link org.attention4j.optim.Adam} and {@link org.attention4j.optim.AdamW}, which follow
 *       PyTorch's {@code torch.optim} classes (single-tensor path, no amsgrad) operation for
 *       operation. Parameters are a {@code Map<String, Tensor>} of contiguous leaf tensors, as
 *       {@code Module.namedParameters()} returns; the names key the optimiser state, which
 *       {@code stateTensors()} / {@code stateMeta()} save and {@code loadState} restores exactly.
 *       The updates run as fused kernels ({@link org.attention4j.kernel.Optimizers}) over each
 *       parameter's storage.
 *   <li>{@link org.attention4j.optim.GradClip}: clipping by global L2 norm and by value, as
 *       {@code torch.nn.utils.clip_grad_norm_} / {@code clip_grad_value_}.
 *   <li>{@link org.attention4j.optim.LrSchedule}: constant, linear warm-up with linear decay,
 *       inverse square root ("Noam", Vaswani et al. 2017) and cosine schedules. Steps count from 1.
 * </ul>
 *
 * <p>A training step, in order:
 *
 * <pre>{@code
 * Optimizer opt = new AdamW(model.namedParameters(), 3e-4);
 * LrSchedule schedule = LrSchedule.cosine(3e-4, 200, 20_000, 3e-5);
 * loss.backward();
 * GradClip.clipGlobalNorm(opt.params().values(), 1.0);
 * schedule.applyTo(opt);
 * opt.step();
 * opt.zeroGrad();
 * }</pre>
 */
package org.attention4j.optim;
