package org.attention4j.data.gettext;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attention4j.data.corpus.CorpusAssembler;

/**
 * Turns the entries of catalogs into candidate pairs — steps 2 to 4 of {@link
 * GettextImporter} — and counts what it does.
 */
final class CatalogPairs {

  /** GnuPG's context convention: {@code |pinentry-label|_Cancel}. */
  private static final Pattern PSEUDO_CONTEXT = Pattern.compile("^\\|[A-Za-z0-9_-]+\\|");

  private final boolean stripAccelerators;
  private final boolean splitLines;

  final List<CorpusAssembler.Candidate> candidates = new ArrayList<>();
  int entries;
  int headers;
  int untranslated;
  int withContext;
  int pseudoContexts;
  int plural;
  int pluralPairs;
  int accelerators;
  int linesSplit;

  CatalogPairs(boolean stripAccelerators, boolean splitLines) {
    this.stripAccelerators = stripAccelerators;
    this.splitLines = splitLines;
  }

  /** Adds the pairs of one catalog, ids {@code <domainId>:<index>...}; returns how many. */
  int add(String domainId, MoCatalog catalog) {
    int before = candidates.size();
    boolean twoForms = catalog.nplurals() >= 2 || catalog.nplurals() == 0;
    for (MoEntry e : catalog.entries()) {
      entries++;
      if (e.isHeader()) {
        headers++;
        continue;
      }
      if (e.isUntranslated()) {
        untranslated++;
        continue;
      }
      if (e.context() != null) {
        withContext++;
      }
      String id = domainId + ":" + e.index();
      pair(id, e.msgid(), e.msgstr().get(0));
      if (e.isPlural()) {
        plural++;
        if (twoForms && e.msgstr().size() >= 2 && !e.msgstr().get(1).isEmpty()) {
          pluralPairs++;
          pair(id + ":pl", e.msgidPlural(), e.msgstr().get(1));
        }
      }
    }
    return candidates.size() - before;
  }

  private void pair(String id, String source, String target) {
    String s = source;
    String t = target;
    Matcher pc = PSEUDO_CONTEXT.matcher(s);
    if (pc.find()) {
      pseudoContexts++;
      s = s.substring(pc.end());
      if (t.startsWith(pc.group())) {
        t = t.substring(pc.end());
      }
    }
    if (stripAccelerators) {
      Accelerators.Pair stripped = Accelerators.strip(s, t);
      if (!stripped.source().equals(s) || !stripped.target().equals(t)) {
        accelerators++;
      }
      s = stripped.source();
      t = stripped.target();
    }
    List<String> sl = splitLines ? lines(s) : List.of();
    List<String> tl = splitLines ? lines(t) : List.of();
    if (sl.size() > 1 && sl.size() == tl.size()) {
      linesSplit++;
      for (int k = 0; k < sl.size(); k++) {
        candidates.add(new CorpusAssembler.Candidate(id + "#" + (k + 1), sl.get(k), tl.get(k)));
      }
    } else {
      candidates.add(new CorpusAssembler.Candidate(id, s, t));
    }
  }

  /** The non-blank lines of a text. */
  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add(line);
      }
    }
    return out;
  }
}
