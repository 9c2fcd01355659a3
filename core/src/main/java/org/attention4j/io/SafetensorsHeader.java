package org.attention4j.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attention4j.tensor.Shape;

/**
 * Parses and validates a safetensors JSON header against the size of the data buffer that
 * follows it. Every rule that fails throws an {@link IllegalArgumentException} that starts with
 * the file name, names the tensor when there is one, and states the rule.
 */
final class SafetensorsHeader {
  static final String METADATA_KEY = "__metadata__";
  private static final Set<String> FIELDS = Set.of("dtype", "shape", "data_offsets");

  /** One tensor's entry; offsets are relative to the start of the data buffer. */
  record Entry(String name, Dtype dtype, Shape shape, long begin, long end) {
    String offsets() {
      return "[" + begin + ", " + end + "]";
    }
  }

  final List<Entry> entries;
  final Map<String, String> metadata;

  private SafetensorsHeader(List<Entry> entries, Map<String, String> metadata) {
    this.entries = entries;
    this.metadata = metadata;
  }

  /**
   * Parses {@code headerBytes} (the JSON, padding included) for a file whose data buffer holds
   * {@code bufferBytes} bytes.
   *
   * @throws IllegalArgumentException on the first broken rule
   */
  static SafetensorsHeader parse(String file, byte[] headerBytes, long bufferBytes) {
    String text = decodeUtf8(file, headerBytes);
    Object root = Json.parse(text, file + ": header");
    if (!(root instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(file + ": header must be a JSON object, got " + Json.typeName(root));
    }
    List<Entry> entries = new ArrayList<>();
    Map<String, String> metadata = Map.of();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = (String) e.getKey();
      if (name.equals(METADATA_KEY)) {
        metadata = metadata(file, e.getValue());
      } else {
        entries.add(entry(file, name, e.getValue(), bufferBytes));
      }
    }
    checkLayout(file, entries, bufferBytes);
    return new SafetensorsHeader(Collections.unmodifiableList(entries), metadata);
  }

  private static String decodeUtf8(String file, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": header is not valid UTF-8");
    }
  }

  private static Map<String, String> metadata(String file, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(file + ": " + METADATA_KEY
          + " must be a JSON object of string values, got " + Json.typeName(value));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new IllegalArgumentException(file + ": " + METADATA_KEY + ": value of "
            + Json.quote((String) e.getKey()) + " must be a string, got " + Json.preview(e.getValue()));
      }
      out.put((String) e.getKey(), s);
    }
    return Collections.unmodifiableMap(out);
  }

  private static Entry entry(String file, String name, Object value, long bufferBytes) {
    String where = file + ": tensor " + Json.quote(name) + ": ";
    if (!(value instanceof Map<?, ?> fields)) {
      throw new IllegalArgumentException(where + "entry must be a JSON object, got " + Json.typeName(value));
    }
    for (String required : List.of("dtype", "shape", "data_offsets")) {
      if (!fields.containsKey(required)) {
        throw new IllegalArgumentException(
            where + "missing field \"" + required + "\" (an entry needs dtype, shape and data_offsets)");
      }
    }
    for (Object key : fields.keySet()) {
      if (!FIELDS.contains(key)) {
        throw new IllegalArgumentException(where + "unknown field " + Json.quote((String) key)
            + " (an entry has only dtype, shape and data_offsets)");
      }
    }
    if (!(fields.get("dtype") instanceof String dtypeName)) {
      throw new IllegalArgumentException(where + "dtype must be a string, got " + Json.preview(fields.get("dtype")));
    }
    Dtype dtype;
    try {
      dtype = Dtype.fromName(dtypeName);
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException(where + unknown.getMessage());
    }
    Shape shape = shape(where, fields.get("shape"));
    Object offsets = fields.get("data_offsets");
    if (!(offsets instanceof List<?> pair) || pair.size() != 2
        || !(pair.get(0) instanceof Long begin) || !(pair.get(1) instanceof Long end)
        || begin < 0 || end < begin) {
      throw new IllegalArgumentException(where
          + "data_offsets must be two non-decreasing non-negative integers, got " + Json.preview(offsets));
    }
    Entry entry = new Entry(name, dtype, shape, begin, end);
    if (end > bufferBytes) {
      throw new IllegalArgumentException(where + "data_offsets " + entry.offsets()
          + " are out of range: the data buffer after the header holds " + bufferBytes
          + " bytes (is the file truncated?)");
    }
    long needed = (long) shape.numel() * dtype.byteSize();
    if (end - begin != needed) {
      throw new IllegalArgumentException(where + "data_offsets " + entry.offsets() + " hold " + (end - begin)
          + " bytes but shape " + shape + " of " + dtype + " needs " + needed);
    }
    return entry;
  }

  private static Shape shape(String where, Object value) {
    if (!(value instanceof List<?> sizes)) {
      throw new IllegalArgumentException(
          where + "shape must be an array of non-negative integers, got " + Json.preview(value));
    }
    int[] dims = new int[sizes.size()];
    long numel = 1;
    for (int i = 0; i < dims.length; i++) {
      if (!(sizes.get(i) instanceof Long size) || size < 0) {
        throw new IllegalArgumentException(where + "shape " + Json.preview(value) + ": size "
            + Json.preview(sizes.get(i)) + " at dim " + i + " is not a non-negative integer");
      }
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(where + "shape " + Json.preview(value) + ": size " + size
            + " at dim " + i + " is larger than 2^31 - 1 (not supported)");
      }
      dims[i] = (int) (long) size;
      numel *= size;
      if (numel > Integer.MAX_VALUE) {
        // Checked after each dim (as Shape.of does), so the product never overflows a long.
        throw new IllegalArgumentException(where + "shape " + Json.preview(value)
            + " has more than 2^31 - 1 elements (not supported)");
      }
    }
    return Shape.of(dims);
  }

  /** Tensors must tile the buffer exactly: no overlaps, no gaps, no bytes after the last one. */
  private static void checkLayout(String file, List<Entry> entries, long bufferBytes) {
    List<Entry> byOffset = new ArrayList<>(entries);
    byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long covered = 0;
    Entry previous = null;
    for (Entry e : byOffset) {
      if (e.begin() < covered) {
        throw new IllegalArgumentException(file + ": tensor " + Json.quote(e.name()) + ": data_offsets "
            + e.offsets() + " overlap tensor " + Json.quote(previous.name()) + " at " + previous.offsets());
      }
      if (e.begin() > covered) {
        throw new IllegalArgumentException(file + ": bytes [" + covered + ", " + e.begin()
            + ") of the data buffer belong to no tensor (a gap before tensor " + Json.quote(e.name())
            + "); tensors must cover the buffer exactly");
      }
      covered = e.end();
      previous = e;
    }
    if (covered != bufferBytes) {
      throw new IllegalArgumentException(file + ": bytes [" + covered + ", " + bufferBytes
          + ") of the data buffer belong to no tensor (after the last tensor); tensors must cover"
          + " the buffer exactly");
    }
  }
}
