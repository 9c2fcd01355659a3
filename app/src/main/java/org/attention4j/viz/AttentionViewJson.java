package org.attention4j.viz;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.Link;
import org.attention4j.io.Json;

/**
 * Reads and writes {@link AttentionView}s as JSON ({@code attention4j.view}, version 1):
 *
 * <pre>{@code
 * {"format":"attention4j.view","version":1,"encoding":"decimal",
 *  "metadata":{"model":"transformer"},
 *  "source":["Who","are","you","?"],"target":["你","是","誰","?"],
 *  "sourceValid":[true,true,true,true],           (omitted when all true; same for targetValid)
 *  "gold":{"sure":[[0,2],[1,1]],"possible":[[3,3]]},   (possible = possible-only links)
 *  "matrices":[{"kind":"cross","layer":0,"head":0,"rows":4,"cols":4,"w":[[0.91,0.03,...],...]}],
 *  "snapshots":[{"step":100,"label":"","matrices":[...]}]}
 * }</pre>
 *
 * <p>Two encodings of the weights {@code w}: {@link Encoding#DECIMAL} writes rows of numbers
 * rounded to {@value #DIGITS} significant digits, with magnitudes below {@value #FLOOR} written
 * as {@code 0} (readable, diffable; about 6 characters per weight); {@link Encoding#FLOAT16}
 * writes one base64 string of little-endian IEEE 754 half floats, row-major (about 2.7
 * characters per weight, relative error at most 2^-11; the explorer page uses it). Both read
 * back with {@link #read}.
 */
public final class AttentionViewJson {
  /** The format name in the {@code format} field. */
  public static final String FORMAT = "attention4j.view";
  /** Significant digits kept by the decimal encoding. */
  public static final int DIGITS = 4;
  /** Magnitudes below this are written as 0 by the decimal encoding. */
  public static final double FLOOR = 1e-6;

  private static final MathContext ROUND = new MathContext(DIGITS);

  /** How weights are written. */
  public enum Encoding {
    /** Rows of decimal numbers, {@value #DIGITS} significant digits. */
    DECIMAL("decimal"),
    /** Base64 of little-endian half floats. */
    FLOAT16("f16");

    private final String id;

    Encoding(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  private AttentionViewJson() {}

  /** The view as compact JSON with the given weight encoding. */
  public static String write(AttentionView view, Encoding encoding) {
    return Json.write(toMap(view, encoding), false);
  }

  /** The view as a JSON-ready map (for embedding in a larger document). */
  public static Map<String, Object> toMap(AttentionView view, Encoding encoding) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("format", FORMAT);
    out.put("version", 1L);
    out.put("encoding", encoding.id());
    out.put("metadata", view.metadata());
    out.put("source", view.sourceTokens());
    out.put("target", view.targetTokens());
    putMask(out, "sourceValid", view.sourceValid());
    putMask(out, "targetValid", view.targetValid());
    if (view.gold() != null) {
      Alignment g = view.gold();
      List<Object> sure = new ArrayList<>(), possible = new ArrayList<>();
      for (Link l : g.possible()) {
        (g.sure().contains(l) ? sure : possible).add(List.of((long) l.source(), (long) l.target()));
      }
      out.put("gold", Map.of("sure", sure, "possible", possible));
    }
    out.put("matrices", matrices(view.matrices(), encoding));
    List<Object> snaps = new ArrayList<>();
    for (Snapshot s : view.snapshots()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("step", s.step());
      m.put("label", s.label());
      m.put("matrices", matrices(s.matrices(), encoding));
      snaps.add(m);
    }
    out.put("snapshots", snaps);
    return out;
  }

  private static void putMask(Map<String, Object> out, String key, boolean[] valid) {
    boolean all = true;
    for (boolean v : valid) all &= v;
    if (all) return;
    List<Object> list = new ArrayList<>(valid.length);
    for (boolean v : valid) list.add(v);
    out.put(key, list);
  }

  private static List<Object> matrices(Map<HeadKey, AttentionMatrix> ms, Encoding encoding) {
    List<Object> out = new ArrayList<>(ms.size());
    ms.forEach((k, m) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("kind", k.kind().id());
      e.put("layer", (long) k.layer());
      e.put("head", (long) k.head());
      e.put("rows", (long) m.rows());
      e.put("cols", (long) m.cols());
      e.put("w", encoding == Encoding.FLOAT16 ? float16(m) : decimalRows(m));
      out.add(e);
    });
    return out;
  }

  /**
   * A weight as the decimal encoding writes it: {@value #DIGITS} significant digits, 0 below
   * {@value #FLOOR} in magnitude.
   */
  public static float round(float w) {
    return decimal(w).floatValue();
  }

  /** A weight as the float16 encoding stores it. */
  public static float toHalf(float w) {
    return Float.float16ToFloat(Float.floatToFloat16(w));
  }

  private static Number decimal(float w) {
    if (Math.abs(w) < FLOOR) return 0L;
    BigDecimal d = new BigDecimal(w).round(ROUND).stripTrailingZeros();
    if (d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(1_000_000)) < 0) return d.longValueExact();
    return d;
  }

  private static List<Object> decimalRows(AttentionMatrix m) {
    float[] w = m.raw();
    List<Object> rows = new ArrayList<>(m.rows());
    for (int r = 0; r < m.rows(); r++) {
      List<Object> row = new ArrayList<>(m.cols());
      for (int c = 0; c < m.cols(); c++) row.add(decimal(w[r * m.cols() + c]));
      rows.add(row);
    }
    return rows;
  }

  private static String float16(AttentionMatrix m) {
    float[] w = m.raw();
    ByteBuffer b = ByteBuffer.allocate(w.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : w) b.putShort(Float.floatToFloat16(v));
    return Base64.getEncoder().encodeToString(b.array());
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads a view written by {@link #write}.
   *
   * @param sourceName the name errors start with, usually the file name
   * @throws IllegalArgumentException naming the source and the field if the JSON is malformed,
   *     has another format, or its sizes disagree
   */
  public static AttentionView read(String json, String sourceName) {
    Map<String, Object> root = Json.parseObject(json, sourceName);
    String format = Json.getString(root, "format", sourceName);
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException(
          sourceName + ": field 'format' must be \"" + FORMAT + "\", got \"" + format + "\"");
    }
    int version = Json.getInt(root, "version", sourceName);
    if (version != 1) {
      throw new IllegalArgumentException(sourceName + ": unsupported version " + version + " (this reader knows 1)");
    }
    String enc = Json.getString(root, "encoding", sourceName);
    boolean half = switch (enc) {
      case "decimal" -> false;
      case "f16" -> true;
      default -> throw new IllegalArgumentException(
          sourceName + ": field 'encoding' must be \"decimal\" or \"f16\", got \"" + enc + "\"");
    };
    List<String> source = strings(Json.getList(root, "source", sourceName), sourceName + ": source");
    List<String> target = strings(Json.getList(root, "target", sourceName), sourceName + ": target");
    AttentionView.Builder b = AttentionView.builder(source, target);
    if (root.containsKey("metadata")) {
      Json.getObject(root, "metadata", sourceName).forEach((k, v) -> b.meta(k, String.valueOf(v)));
    }
    if (root.containsKey("sourceValid")) b.sourceValid(mask(Json.getList(root, "sourceValid", sourceName), sourceName));
    if (root.containsKey("targetValid")) b.targetValid(mask(Json.getList(root, "targetValid", sourceName), sourceName));
    if (root.containsKey("gold")) {
      Map<String, Object> g = Json.getObject(root, "gold", sourceName);
      TreeSet<Link> sure = links(Json.getList(g, "sure", sourceName + ": gold"), sourceName);
      TreeSet<Link> possible = links(Json.getList(g, "possible", sourceName + ": gold"), sourceName);
      b.gold(new Alignment(sure, possible));
    }
    readMatrices(Json.getList(root, "matrices", sourceName), half, sourceName + ": matrices").forEach(b::matrix);
    if (root.containsKey("snapshots")) {
      List<Object> snaps = Json.getList(root, "snapshots", sourceName);
      for (int i = 0; i < snaps.size(); i++) {
        String where = sourceName + ": snapshots[" + i + "]";
        Map<String, Object> s = object(snaps.get(i), where);
        b.snapshot(new Snapshot(Json.getLong(s, "step", where), Json.optString(s, "label", "", where),
            readMatrices(Json.getList(s, "matrices", where), half, where + ".matrices")));
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(sourceName + ": " + e.getMessage(), e);
    }
  }

  private static Map<HeadKey, AttentionMatrix> readMatrices(List<Object> list, boolean half, String where) {
    Map<HeadKey, AttentionMatrix> out = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String at = where + "[" + i + "]";
      Map<String, Object> e = object(list.get(i), at);
      AttentionKind kind;
      try {
        kind = AttentionKind.ofId(Json.getString(e, "kind", at));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(at + ": " + bad.getMessage(), bad);
      }
      HeadKey key = new HeadKey(kind, Json.getInt(e, "layer", at), Json.getInt(e, "head", at));
      int rows = Json.getInt(e, "rows", at), cols = Json.getInt(e, "cols", at);
      float[] w = half ? halfWeights(Json.getString(e, "w", at), rows, cols, at)
          : decimalWeights(Json.getList(e, "w", at), rows, cols, at);
      out.put(key, AttentionMatrix.wrap(rows, cols, w));
    }
    return out;
  }

  private static float[] halfWeights(String base64, int rows, int cols, String at) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": field 'w' is not base64: " + e.getMessage(), e);
    }
    if (bytes.length != 2L * rows * cols) {
      throw new IllegalArgumentException(at + ": field 'w' holds " + bytes.length / 2 + " half floats, "
          + rows + " x " + cols + " needs " + (long) rows * cols);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] w = new float[rows * cols];
    for (int i = 0; i < w.length; i++) w[i] = Float.float16ToFloat(b.getShort());
    return w;
  }

  private static float[] decimalWeights(List<Object> rowList, int rows, int cols, String at) {
    if (rowList.size() != rows) {
      throw new IllegalArgumentException(at + ": field 'w' has " + rowList.size() + " rows, expected " + rows);
    }
    float[] w = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      if (!(rowList.get(r) instanceof List<?> row) || row.size() != cols) {
        throw new IllegalArgumentException(at + ": w[" + r + "] must be an array of " + cols + " numbers");
      }
      for (int c = 0; c < cols; c++) {
        if (!(row.get(c) instanceof Number n)) {
          throw new IllegalArgumentException(at + ": w[" + r + "][" + c + "] must be a number, got " + row.get(c));
        }
        w[r * cols + c] = n.floatValue();
      }
    }
    return w;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object o, String where) {
    if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw new IllegalArgumentException(where + ": expected an object");
  }

  private static List<String> strings(List<Object> list, String where) {
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) {
        throw new IllegalArgumentException(where + "[" + i + "] must be a string");
      }
      out.add(s);
    }
    return out;
  }

  private static boolean[] mask(List<Object> list, String sourceName) {
    boolean[] out = new boolean[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Boolean v)) {
        throw new IllegalArgumentException(sourceName + ": mask entry " + i + " must be true or false");
      }
      out[i] = v;
    }
    return out;
  }

  private static TreeSet<Link> links(List<Object> list, String sourceName) {
    TreeSet<Link> out = new TreeSet<>();
    for (Object o : list) {
      if (!(o instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Long s)
          || !(pair.get(1) instanceof Long t)) {
        throw new IllegalArgumentException(sourceName + ": gold link must be [source, target], got "
            + Json.write(o, false));
      }
      out.add(new Link(Math.toIntExact(s), Math.toIntExact(t)));
    }
    return out;
  }
}
