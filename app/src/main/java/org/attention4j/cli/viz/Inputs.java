package org.attention4j.cli.viz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.data.corpus.Split;
import org.attention4j.data.synthetic.Link;
import org.attention4j.data.synthetic.PharaohFile;
import org.attention4j.data.synthetic.SyntheticImporter;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.Pharaoh;

/**
 * Where the sentences of {@code attn viz} and {@code attn doctor} come from: a text given on the
 * command line, a file of lines, a corpus directory, or a default set.
 *
 * <p>A file has one example per line: {@code source}, or {@code source<TAB>target}, or {@code
 * source<TAB>target<TAB>links} with gold links in Pharaoh form ({@code 0-0 1-2 ...}, source-target
 * word positions); blank lines and lines starting with {@code #} are skipped. UTF-8.
 */
final class Inputs {
  /**
   * Sentences for a model whose language we do not know: plain English of different lengths (the
   * doctor needs padding in its batches and different inputs of equal length), in the SVO style of
   * the synthetic task too. Unknown words are counted and reported.
   */
  static final List<String> DEFAULT_SENTENCES = List.of(
      "the dog watched a cat",
      "a small boy admires the old tower behind the river",
      "the teacher gave the children a book",
      "she reads the letter",
      "the old man walked slowly along the quiet road",
      "we saw the ship near the harbour",
      "the woman watches a bird in the garden",
      "a young girl found the key under the table",
      "the king built a house",
      "my brother writes a long letter to his friend",
      "the farmer sold the horse at the market",
      "a cat sleeps on the warm stone",
      "the children played in the park after school",
      "the doctor visited the sick woman",
      "the soldier crossed the bridge at night",
      "a bird sings");

  private Inputs() {}

  /**
   * {@code input} as examples: the lines of the file it names when it is a regular file, else the
   * text itself (with {@code target} as its reference, if given).
   *
   * @throws IllegalArgumentException if a file line is malformed or the text is empty, or {@code
   *     target} is given with a file
   * @throws IOException if the file cannot be read
   */
  static List<Example> fromInput(String input, String target) throws IOException {
    Path file = asFile(input);
    if (file != null) {
      if (target != null) {
        throw new IllegalArgumentException("--target goes with a sentence, not with a file (" + input
            + "): put the targets in the file as source<TAB>target lines");
      }
      return read(file);
    }
    if (input.isBlank()) throw new IllegalArgumentException("--input is empty");
    return List.of(new Example("input", input.strip(), target == null ? null : target.strip(), null));
  }

  private static Path asFile(String input) {
    try {
      Path p = Path.of(input);
      return Files.isRegularFile(p) ? p : null;
    } catch (RuntimeException e) { // not a valid path on this system: a sentence
      return null;
    }
  }

  /**
   * The examples of a file (see the class comment).
   *
   * @throws IllegalArgumentException naming the file and line of a malformed line, or if the file
   *     has no examples
   */
  static List<Example> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
      if (line.isBlank() || line.startsWith("#")) continue;
      String where = file + ":" + (i + 1);
      String[] f = line.split("\t", -1);
      if (f.length > 3) {
        throw new IllegalArgumentException(where + ": expected source, source<TAB>target or source<TAB>target<TAB>links, got "
            + f.length + " tab-separated fields");
      }
      if (f[0].isBlank()) throw new IllegalArgumentException(where + ": the source (first field) is empty");
      Alignment gold = null;
      if (f.length == 3 && !f[2].isBlank()) {
        try {
          gold = Pharaoh.parse(f[2].strip());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": links: " + e.getMessage(), e);
        }
      }
      out.add(new Example("line " + (i + 1), f[0].strip(), f.length > 1 ? f[1].strip() : null, gold));
    }
    if (out.isEmpty()) throw new IllegalArgumentException(file + " has no sentences (blank lines and # comments only)");
    return out;
  }

  /**
   * The pairs of a corpus directory ({@code attn data import ...}): its test split (the dev split
   * when the test split is empty), teacher-forced on their references, with the gold alignments
   * of {@code test.sure.txt} and {@code test.possible.txt} when the corpus has them (the
   * synthetic task).
   *
   * @throws IllegalArgumentException if the directory is not a corpus or both splits are empty
   */
  static List<Example> fromCorpus(Path dir) throws IOException {
    ParallelCorpus corpus = ParallelCorpusFiles.read(dir);
    Split split = corpus.split(Split.TEST).isEmpty() ? Split.DEV : Split.TEST;
    List<SentencePair> pairs = corpus.split(split);
    if (pairs.isEmpty()) throw new IllegalArgumentException("corpus " + dir + " has no test or dev pairs");
    List<List<Link>> sure = null, possible = null;
    if (Files.isRegularFile(dir.resolve(split.label() + ".sure.txt"))
        && Files.isRegularFile(dir.resolve(split.label() + ".possible.txt"))) {
      sure = SyntheticImporter.readAlignments(dir, corpus, split, true);
      possible = SyntheticImporter.readAlignments(dir, corpus, split, false);
    }
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      SentencePair p = pairs.get(i);
      Alignment gold = sure == null ? null : Pharaoh.parse(PharaohFile.format(sure.get(i)), PharaohFile.format(possible.get(i)));
      out.add(new Example(p.id(), p.source(), p.target(), gold));
    }
    return out;
  }

  /** {@link #DEFAULT_SENTENCES} as examples to decode. */
  static List<Example> defaults() {
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < DEFAULT_SENTENCES.size(); i++) out.add(Example.of("default " + (i + 1), DEFAULT_SENTENCES.get(i)));
    return out;
  }
}
