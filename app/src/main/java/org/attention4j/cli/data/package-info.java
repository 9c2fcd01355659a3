/**
 * {@code attn data ...}: commands that build corpora. {@code attn data import bible|gettext|tsv|
 * synthetic ... --out DIR} runs one importer of {@code org.attention4j.data} and writes a
 * parallel-corpus directory ({@code train/dev/test.tsv.gz} + {@code corpus.json}) that the
 * translation trainer reads. The commands only check arguments, call the importer and print its
 * summary (or one JSON line with {@code --json}); all the work is in the importers.
 */
package org.attention4j.cli.data;
