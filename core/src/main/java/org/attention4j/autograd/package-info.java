/**
 * The reverse-mode tape engine: {@link org.attention4j.autograd.Node} (one recorded op),
 * {@link org.attention4j.autograd.Backprop} (topological sort and a reversed loop, as in
 * micrograd) and {@link org.attention4j.autograd.GradMode} (per-thread no-grad scopes).
 *
 * <p>The engine knows no tensor type: nodes carry their own gradients and backward functions.
 * The differentiable ops, each with its backward beside its forward, live in
 * {@code org.attention4j.tensor}.
 */
package org.attention4j.autograd;
