package org.attention4j.data.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attention4j.data.CorpusFormatException;
import org.attention4j.io.AtomicFiles;

/**
 * Word alignments in Pharaoh format (as written by fast_align, GIZA++ converters and read by
 * the usual AER scripts): one line per sentence pair, in the order of the corpus file, each
 * line a space-separated list of {@code i-j} links from source word {@code i} to target word
 * {@code j} (0-based, words split on single spaces). A pair without links is an empty line.
 * Plain UTF-8 text, lines end with LF; this class writes links sorted by (i, j).
 */
public final class PharaohFile {

  private PharaohFile() {}

  /** Links as one Pharaoh line: {@code 0-0 1-2 2-1}. */
  public static String format(List<Link> links) {
    StringBuilder sb = new StringBuilder();
    for (Link l : links) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(l.source()).append('-').append(l.target());
    }
    return sb.toString();
  }

  /**
   * Parses one Pharaoh line.
   *
   * @param where the file and line, for messages
   * @throws CorpusFormatException if an item is not {@code i-j} with non-negative integers
   */
  public static List<Link> parse(String line, String where) throws CorpusFormatException {
    List<Link> links = new ArrayList<>();
    if (line.isEmpty()) {
      return links;
    }
    for (String item : line.split(" ", -1)) {
      int dash = item.indexOf('-');
      if (dash <= 0 || dash == item.length() - 1 || !digits(item, 0, dash)
          || !digits(item, dash + 1, item.length())) {
        throw new CorpusFormatException(where + ": bad link '" + item
            + "' (expected i-j with 0-based word positions, separated by single spaces)");
      }
      try {
        links.add(new Link(Integer.parseInt(item.substring(0, dash)),
            Integer.parseInt(item.substring(dash + 1))));
      } catch (NumberFormatException e) {
        throw new CorpusFormatException(where + ": link '" + item + "' is out of range");
      }
    }
    return links;
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return to > from;
  }

  /** Writes one line per pair, atomically. */
  public static void write(Path file, List<List<Link>> alignments) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (List<Link> links : alignments) {
      sb.append(format(links)).append('\n');
    }
    AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a Pharaoh file.
   *
   * @throws CorpusFormatException naming the file, the line and the rule
   */
  public static List<List<Link>> read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<List<Link>> out = new ArrayList<>();
    if (text.isEmpty()) {
      return out;
    }
    if (!text.endsWith("\n")) {
      throw new CorpusFormatException(file + ": line " + (text.split("\n", -1).length)
          + ": the last line has no line break; the file is truncated");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.add(parse(lines[i], file + ": line " + (i + 1)));
    }
    return out;
  }
}
