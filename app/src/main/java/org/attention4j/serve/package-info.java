/**
 * The live attention page ({@code attn serve-viz}): {@link org.attention4j.serve.AttentionServer}
 * serves the attention explorer over HTTP (the JDK's {@code com.sun.net.httpserver}) with a form
 * and a JSON endpoint; an {@link org.attention4j.serve.Explainer}, supplied by the command that
 * starts it, turns typed sentences into attention views. Binds loopback by default.
 */
package org.attention4j.serve;
