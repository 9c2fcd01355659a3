/**
 * Verse-aligned parallel Bible corpora built from two SWORD modules that share a
 * versification, and the bundled KJV → Reina-Valera 1909 corpus.
 *
 * <p>Public surface: {@link org.attention4j.data.bible.BundledBible#load()} (the
 * bundled corpus from the classpath), {@link org.attention4j.data.bible.BibleCorpus}
 * and {@link org.attention4j.data.bible.VersePair} (the records),
 * {@link org.attention4j.data.bible.BibleSplit} (the fixed split by book),
 * {@link org.attention4j.data.bible.BibleCorpusBuilder} (build a corpus from installed
 * modules; what {@code attn data import bible} calls),
 * {@link org.attention4j.data.bible.BuildStats} and
 * {@link org.attention4j.data.bible.BibleCorpusFile} (the gzipped TSV format).
 *
 * <p>Package-private helpers: {@code AlignmentCheck} (finds verse pairs that a
 * module's versification mapping put out of step, from the overlap of their Strong's
 * numbers) and {@code DropCaps} (undoes the printed edition's all-capital first word of
 * each chapter).
 */
package org.attention4j.data.bible;
