/**
 * Corpus readers and data sets: real text read from where the system keeps it
 * (SWORD Bible modules, gettext catalogs, TSV files), the small processed corpora
 * bundled on the classpath, synthetic tasks with gold answers, and batching.
 *
 * <p>Subpackages:
 * <ul>
 *   <li>{@link org.attention4j.data.sword} reads CrossWire SWORD zText Bible modules
 *       (the {@code .conf}, the {@code .bzs/.bzv/.bzz} files) and turns their OSIS
 *       markup into plain text;</li>
 *   <li>{@link org.attention4j.data.bible} aligns two Bible modules verse by verse into
 *       a parallel corpus with a fixed split by book, writes it as gzipped TSV, and
 *       loads the bundled KJV → Reina-Valera 1909 corpus;</li>
 *   <li>{@link org.attention4j.data.corpus} is the one on-disk parallel-corpus format every
 *       importer writes and the trainer reads (gzipped TSV splits plus {@code corpus.json}),
 *       with the cleaning, deduplication and hash splits the importers share;</li>
 *   <li>{@link org.attention4j.data.gettext} reads GNU {@code .mo} message catalogs and
 *       imports English → zh_CN/fr/de/es/ja pairs from the system's locale directory;</li>
 *   <li>{@link org.attention4j.data.tsv} imports a user's own tab-separated pairs;</li>
 *   <li>{@link org.attention4j.data.synthetic} generates a reordering translation task with
 *       gold word alignments (for measuring AER exactly).</li>
 * </ul>
 *
 * <p>Readers use the JDK only; the corpus format also uses {@code org.attention4j.io} for
 * atomic writes and JSON.
 */
package org.attention4j.data;
