/**
 * The one kind of parallel corpus that every importer writes and the trainer reads, and the
 * cleaning all importers share.
 *
 * <p>Public surface:
 * <ul>
 *   <li>{@link org.attention4j.data.corpus.ParallelCorpus} (three splits of {@link
 *       org.attention4j.data.corpus.SentencePair}s plus {@link
 *       org.attention4j.data.corpus.CorpusInfo}) and {@link
 *       org.attention4j.data.corpus.ParallelCorpusFiles}, its directory form: {@code
 *       train/dev/test.tsv.gz} ({@code id TAB source TAB target}, no escaping) and {@code
 *       corpus.json}, written atomically, read with errors that name file, line and rule;</li>
 *   <li>{@link org.attention4j.data.corpus.CorpusAssembler}: NFC and whitespace ({@link
 *       org.attention4j.data.corpus.TextCleaning}), length and length-ratio filters, dedup
 *       ({@link org.attention4j.data.corpus.CleaningOptions}), splitting ({@link
 *       org.attention4j.data.corpus.SplitPolicy}, usually {@link
 *       org.attention4j.data.corpus.HashSplit} on the source), with counts in {@link
 *       org.attention4j.data.corpus.CleaningStats};</li>
 *   <li>{@link org.attention4j.data.corpus.BibleImporter}: the bundled KJV → RV1909 Bible (or
 *       one built from SWORD modules) as a {@code ParallelCorpus}.</li>
 * </ul>
 *
 * <p>The importers of other sources live beside it: {@code data.gettext} (.mo catalogs),
 * {@code data.tsv} (a user's TSV), {@code data.synthetic} (a reordering grammar with gold
 * alignments). Each has one static entry point, {@code build(options..., Path outDir)}, that
 * returns a stats record with a {@code summary()} for the CLI.
 *
 * <p>Depends on the JDK, {@code org.attention4j.data.bible}/{@code sword} (for the adapter)
 * and {@code org.attention4j.io} (atomic writes, JSON).
 */
package org.attention4j.data.corpus;
