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
 *       loads the bundled KJV → Reina-Valera 1909 corpus.</li>
 * </ul>
 *
 * <p>This package depends on the JDK only.
 */
package org.attention4j.data;
