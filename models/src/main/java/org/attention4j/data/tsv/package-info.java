/**
 * A user's own parallel text, {@code source TAB target} per line, as a {@link
 * org.attention4j.data.corpus.ParallelCorpus}: {@link org.attention4j.data.tsv.TsvImporter}
 * ({@code attn data import tsv}).
 */
package org.attention4j.data.tsv;
