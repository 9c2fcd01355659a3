/**
 * Seeing attention: heatmaps (PNG and SVG), the standalone HTML attention explorer, and the
 * attention doctor. This package reads results only — token lists and attention matrices that a
 * model hands over — and never runs a model.
 *
 * <ul>
 *   <li><b>Data</b>: {@link org.attention4j.viz.AttentionView} holds one example's tokens (source,
 *       target, padding masks), its matrices by {@link org.attention4j.viz.HeadKey} (kind CROSS /
 *       SELF_ENCODER / SELF_DECODER, layer, head), optional training {@link
 *       org.attention4j.viz.Snapshot}s, a gold alignment and metadata. {@link
 *       org.attention4j.viz.AttentionViewJson} reads and writes it (decimal rounded to 4
 *       significant digits, or base64 half floats).
 *   <li><b>Heatmaps</b>: {@link org.attention4j.viz.Heatmap} lays out one matrix or a per-head grid
 *       and renders it with java.awt (headless) or as SVG; viridis colours ({@link
 *       org.attention4j.viz.ColorMap}), a colour bar, values in cells, gold outlines, and a stated
 *       rule for long inputs. Labels in any script draw as glyphs through {@link
 *       org.attention4j.viz.LabelFonts} (font fallback per run, bidi, shaping).
 *   <li><b>Explorer</b>: {@link org.attention4j.viz.AttentionExplorer} writes one offline HTML file
 *       (our own inlined JS and CSS, canvas drawing of visible rows only) with a head view, a
 *       matrix view, a model view, hover highlights with exact weights, a training-step slider and
 *       the gold overlay; {@code window.attnExplorer} is its API for tests and scripts. One page
 *       can hold several examples ({@link org.attention4j.viz.AttentionExplorer#page}: the attention
 *       over training of a few sentences) or be served live ({@code serve}: typed sentences are
 *       translated and loaded into the same page).
 *   <li><b>Doctor</b>: {@link org.attention4j.viz.AttentionDoctor} measures every head (entropy,
 *       sharpness, diagonality, coverage, padding/special/future mass, dead and duplicate heads)
 *       and writes plain-language {@link org.attention4j.viz.Finding}s with causes and remedies;
 *       thresholds in {@link org.attention4j.viz.DoctorSettings}.
 * </ul>
 *
 * <p>Fonts: {@code scripts/viz/install-fonts.sh}; browser for the explorer test: {@code
 * scripts/viz/install-chromium.sh}.
 */
package org.attention4j.viz;
