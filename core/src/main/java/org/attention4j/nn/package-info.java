/**
 * Layers with trainable parameters, PyTorch-compatible in names, shapes and layouts so that a
 * PyTorch {@code state_dict} maps 1:1 onto a module tree.
 *
 * <ul>
 *   <li>{@link org.attention4j.nn.Module}: registers parameters, buffers and children; dotted
 *       names, state dicts with a strict/lenient {@link org.attention4j.nn.LoadReport}, training
 *       mode. {@link org.attention4j.nn.ModuleList} numbers its children.
 *   <li>Layers: {@link org.attention4j.nn.Linear}, {@link org.attention4j.nn.Embedding},
 *       {@link org.attention4j.nn.LayerNorm}, {@link org.attention4j.nn.Dropout}.
 *   <li>Recurrent: {@link org.attention4j.nn.GRUCell} (Cho et al. 2014),
 *       {@link org.attention4j.nn.LSTMCell} (Hochreiter &amp; Schmidhuber 1997), and the
 *       batch-first, multi-layer, bidirectional, length-aware sequence modules
 *       {@link org.attention4j.nn.GRU} and {@link org.attention4j.nn.LSTM}, configured by
 *       {@link org.attention4j.nn.RnnConfig}, returning {@link org.attention4j.nn.RnnOutput}.
 *   <li>Positions: {@link org.attention4j.nn.SinusoidalPositionalEncoding} (Vaswani et al.
 *       2017) and {@link org.attention4j.nn.LearnedPositionalEncoding}.
 *   <li>{@link org.attention4j.nn.Init}: {@code torch.nn.init}'s initialisers with explicit
 *       generators.
 * </ul>
 *
 * <p>Every constructor that draws random numbers takes a {@link java.util.random.RandomGenerator};
 * there is no global generator. Layers are final classes whose parameters are fixed at
 * construction and changed only in place (by optimisers and {@code loadStateDict}). Each layer's
 * math has a package-private functional form ({@code Linear.apply}, {@code Cells.gru},
 * {@code Recurrence.run}) that its {@code forward} delegates to, and that the tests check with
 * finite differences.
 */
package org.attention4j.nn;
