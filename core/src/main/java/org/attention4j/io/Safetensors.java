package org.attention4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Shape;
import org.attention4j.tensor.Tensor;

/**
 * Reads and writes the Hugging Face safetensors format: an 8-byte little-endian header length
 * {@code N}, {@code N} bytes of UTF-8 JSON mapping each tensor name to {@code {"dtype", "shape",
 * "data_offsets": [begin, end]}} (plus an optional {@code "__metadata__"} string map), then the
 * tensors' little-endian bytes; offsets count from the start of that buffer.
 *
 * <p>Files are written as the official library writes them, byte for byte for the same tensors:
 * tensors laid out by descending element size (I64 before F32), then by name in code-point
 * order; the header lists {@code __metadata__} first (its keys sorted), then the tensors in
 * layout order, as compact JSON padded with spaces to a multiple of 8 bytes. Writes are atomic
 * ({@link AtomicFiles}).
 *
 * <p>Reading validates the whole header against the file before any tensor is read, and is
 * stricter than the official library in two ways: duplicate JSON keys and unknown fields in a
 * tensor entry are rejected. Like the official library it rejects gaps between tensors and bytes
 * after the last tensor, so every byte of the buffer belongs to exactly one tensor.
 */
public final class Safetensors {
  /** The largest header accepted, as in the official library (100 MB). */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  /** Code-point (= UTF-8 byte) order, which the official library uses for names. */
  static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  };

  private Safetensors() {}

  /** One tensor to write: exactly one of {@code floats} and {@code ints} is set. */
  private record Item(String name, Dtype dtype, Shape shape, Tensor floats, IntTensor ints) {
    long byteCount() {
      return (long) shape.numel() * dtype.byteSize();
    }
  }

  /**
   * Writes float tensors as F32, atomically replacing {@code file}. Non-contiguous tensors (views)
   * are written in logical row-major order.
   *
   * @param metadata the {@code __metadata__} strings, or null for none
   * @throws IllegalArgumentException if a name is {@code "__metadata__"} or a tensor, name or
   *     metadata entry is null
   * @throws IOException if the file cannot be written; the previous file is then untouched
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    write(file, tensors, Map.of(), metadata);
  }

  /**
   * Writes float tensors as F32 and int tensors as I64 (as PyTorch stores token ids and indices),
   * atomically replacing {@code file}.
   *
   * @param metadata the {@code __metadata__} strings, or null for none
   * @throws IllegalArgumentException if a name appears in both maps or is {@code "__metadata__"},
   *     or a tensor, name or metadata entry is null
   * @throws IOException if the file cannot be written; the previous file is then untouched
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, IntTensor> intTensors,
      Map<String, String> metadata) throws IOException {
    List<Item> items = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      Tensor t = requireTensor(e.getKey(), e.getValue());
      items.add(new Item(e.getKey(), Dtype.F32, t.shape(), t, null));
    }
    for (Map.Entry<String, IntTensor> e : intTensors.entrySet()) {
      IntTensor t = requireTensor(e.getKey(), e.getValue());
      if (tensors.containsKey(e.getKey())) {
        throw new IllegalArgumentException("Safetensors.write: tensor name " + Json.quote(e.getKey())
            + " is in both the float and the int tensor maps");
      }
      items.add(new Item(e.getKey(), Dtype.I64, t.shape(), null, t));
    }
    items.sort(Comparator.comparingInt((Item it) -> -it.dtype().byteSize())
        .thenComparing(Item::name, CODE_POINT_ORDER));
    byte[] header = header(items, metadata);
    AtomicFiles.write(file, out -> {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
      out.write(header);
      ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (Item it : items) {
        if (it.floats() != null) writeFloats(out, it.floats(), chunk);
        else writeLongs(out, it.ints(), chunk);
      }
    });
  }

  private static <T> T requireTensor(String name, T tensor) {
    if (name == null) throw new IllegalArgumentException("Safetensors.write: a tensor name is null");
    if (name.equals(SafetensorsHeader.METADATA_KEY)) {
      throw new IllegalArgumentException("Safetensors.write: tensor name \"__metadata__\" is reserved");
    }
    if (tensor == null) {
      throw new IllegalArgumentException("Safetensors.write: tensor " + Json.quote(name) + " is null");
    }
    return tensor;
  }

  /** The JSON header, padded with spaces to a multiple of 8 bytes. */
  private static byte[] header(List<Item> items, Map<String, String> metadata) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (metadata != null && !metadata.isEmpty()) {
      Map<String, String> sorted = new TreeMap<>(CODE_POINT_ORDER);
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          throw new IllegalArgumentException("Safetensors.write: metadata entry " + e.getKey() + "="
              + e.getValue() + " has a null key or value");
        }
        sorted.put(e.getKey(), e.getValue());
      }
      json.put(SafetensorsHeader.METADATA_KEY, sorted);
    }
    long offset = 0;
    for (Item it : items) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("dtype", it.dtype().name());
      entry.put("shape", Arrays.stream(it.shape().toArray()).boxed().toList());
      entry.put("data_offsets", List.of(offset, offset + it.byteCount()));
      offset += it.byteCount();
      json.put(it.name(), entry);
    }
    byte[] text = Json.write(json, false).getBytes(StandardCharsets.UTF_8);
    int padded = (text.length + 7) / 8 * 8;
    if (padded > MAX_HEADER_BYTES) {
      throw new IllegalArgumentException("Safetensors.write: the header would be " + padded
          + " bytes, over the limit of " + MAX_HEADER_BYTES + " that readers accept");
    }
    byte[] header = Arrays.copyOf(text, padded);
    Arrays.fill(header, text.length, padded, (byte) ' ');
    return header;
  }

  private static void writeFloats(OutputStream out, Tensor t, ByteBuffer chunk) throws IOException {
    // A contiguous tensor is read straight from its storage; a view is copied once, row-major.
    boolean direct = t.isContiguous();
    float[] src = direct ? t.storage() : t.toArray();
    int base = direct ? t.storageOffset() : 0;
    int n = t.numel();
    FloatBuffer view = chunk.clear().asFloatBuffer();
    for (int i = 0; i < n; i += view.capacity()) {
      int k = Math.min(view.capacity(), n - i);
      view.clear();
      view.put(src, base + i, k);
      out.write(chunk.array(), 0, 4 * k);
    }
  }

  private static void writeLongs(OutputStream out, IntTensor t, ByteBuffer chunk) throws IOException {
    int[] src = t.toArray();
    LongBuffer view = chunk.clear().asLongBuffer();
    for (int i = 0; i < src.length; i += view.capacity()) {
      int k = Math.min(view.capacity(), src.length - i);
      view.clear();
      for (int j = 0; j < k; j++) view.put(src[i + j]);
      out.write(chunk.array(), 0, 8 * k);
    }
  }

  /**
   * Opens and validates a safetensors file; tensors are read on demand. Close the result.
   *
   * @throws IllegalArgumentException naming the file, the tensor if any, and the broken rule if
   *     the file is not a valid safetensors file (too short, header length past the file or over
   *     {@link #MAX_HEADER_BYTES}, header not UTF-8 JSON or not an object, an entry with missing,
   *     unknown or malformed fields or an unknown dtype, offsets out of range or not matching
   *     the shape, tensors that overlap, or bytes that no tensor covers)
   * @throws IOException if the file cannot be read
   */
  public static SafetensorsFile read(Path file) throws IOException {
    return SafetensorsFile.open(file);
  }

  /**
   * Reads every tensor of a file as float32, in header order, and closes the file.
   *
   * @throws IllegalArgumentException as {@link #read} and {@link SafetensorsFile#tensor} do
   * @throws IOException if the file cannot be read
   */
  public static Map<String, Tensor> readAll(Path file) throws IOException {
    try (SafetensorsFile f = read(file)) {
      return f.tensors();
    }
  }
}
