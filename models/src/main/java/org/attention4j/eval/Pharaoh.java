package org.attention4j.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The Pharaoh alignment format (Koehn's Pharaoh/Moses, also fast_align's output): one sentence
 * pair per line, links {@code i-j} separated by spaces, {@code i} the 0-based source word and
 * {@code j} the 0-based target word, e.g. {@code 0-0 1-2 2-1}.
 *
 * <p>Gold alignments with possible links (Och and Ney 2003) come in one of two common forms, both
 * read here: possible links written {@code i?j} (or {@code ipj}, as in the gold files of some
 * word-alignment test sets) on the same line as the sure links {@code i-j}; or a second file whose
 * line lists the possible links as {@code i-j} ({@link #parse(String, String)}). Writing uses
 * {@code i?j} for links that are possible but not sure.
 */
public final class Pharaoh {
  private Pharaoh() {}

  /**
   * One line: {@code i-j} sure links, {@code i?j} or {@code ipj} possible links.
   *
   * @throws IllegalArgumentException naming the bad token
   */
  public static Alignment parse(String line) {
    return parseLine(line, "Pharaoh");
  }

  /**
   * A sure line and a possible line (the two-file convention); links listed only in the sure line
   * count as possible too.
   *
   * @throws IllegalArgumentException naming the bad token
   */
  public static Alignment parse(String sureLine, String possibleLine) {
    Alignment s = parseLine(sureLine, "Pharaoh (sure)");
    Alignment p = parseLine(possibleLine, "Pharaoh (possible)");
    return new Alignment(s.possible(), p.possible());
  }

  /**
   * Every line of a file, one alignment each.
   *
   * @throws IllegalArgumentException naming the file, the line (1-based) and the bad token
   */
  public static List<Alignment> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Alignment> out = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) out.add(parseLine(lines.get(i), file + ": line " + (i + 1)));
    return out;
  }

  /** Writes one alignment per line. */
  public static void write(Path file, List<Alignment> alignments) throws IOException {
    List<String> lines = alignments.stream().map(Pharaoh::format).toList();
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** The links sorted by source, then target: sure as {@code i-j}, possible-only as {@code i?j}. */
  public static String format(Alignment a) {
    StringBuilder sb = new StringBuilder();
    for (Link l : a.possible()) {
      if (!sb.isEmpty()) sb.append(' ');
      sb.append(l.source()).append(a.sure().contains(l) ? '-' : '?').append(l.target());
    }
    return sb.toString();
  }

  private static Alignment parseLine(String line, String where) {
    TreeSet<Link> sure = new TreeSet<>(), possible = new TreeSet<>();
    for (String token : line.strip().split("\\s+")) {
      if (token.isEmpty()) continue;
      int sep = -1;
      for (int i = 1; i < token.length() - 1 && sep < 0; i++) {
        char c = token.charAt(i);
        if (c == '-' || c == '?' || c == 'p') sep = i;
      }
      Link link = sep < 0 ? null : link(token.substring(0, sep), token.substring(sep + 1));
      if (link == null) {
        throw new IllegalArgumentException(where + ": token \"" + token
            + "\" is not i-j (sure) or i?j / ipj (possible) with 0-based word positions");
      }
      (token.charAt(sep) == '-' ? sure : possible).add(link);
    }
    return new Alignment(sure, possible);
  }

  private static Link link(String i, String j) {
    if (!i.chars().allMatch(c -> c >= '0' && c <= '9')
        || !j.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    if (i.length() > 9 || j.length() > 9) return null;
    return new Link(Integer.parseInt(i), Integer.parseInt(j));
  }
}
