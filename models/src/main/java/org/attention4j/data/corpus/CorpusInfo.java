package org.attention4j.data.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code corpus.json} says about a {@link ParallelCorpus}, apart from the counts per split
 * (which are the sizes of the splits, written by {@link ParallelCorpusFiles#write} and checked
 * by {@link ParallelCorpusFiles#read}).
 *
 * @param sourceLang language code of the source side ({@code en}; locale-directory style, so
 *     {@code zh_CN} rather than {@code zh-Hans-CN})
 * @param targetLang language code of the target side
 * @param origin where the text came from, in a sentence
 * @param license the license situation of the text, in a sentence
 * @param command the command that built the corpus
 * @param notes free-form lines (cleaning summary, catalogs read, ...)
 * @param stats named counters from the build, in insertion order (machine-readable)
 */
public record CorpusInfo(String sourceLang, String targetLang, String origin, String license,
    String command, List<String> notes, Map<String, Long> stats) {

  public CorpusInfo {
    if (sourceLang.isBlank() || targetLang.isBlank()) {
      throw new IllegalArgumentException("CorpusInfo: language codes must be non-empty (source '"
          + sourceLang + "', target '" + targetLang + "')");
    }
    notes = List.copyOf(notes);
    stats = Collections.unmodifiableMap(new LinkedHashMap<>(stats));
  }

  /** The same info with more notes and stats appended (stats with an existing key replace it). */
  public CorpusInfo with(List<String> moreNotes, Map<String, Long> moreStats) {
    List<String> n = new ArrayList<>(notes);
    n.addAll(moreNotes);
    Map<String, Long> s = new LinkedHashMap<>(stats);
    s.putAll(moreStats);
    return new CorpusInfo(sourceLang, targetLang, origin, license, command, n, s);
  }
}
