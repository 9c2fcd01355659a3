package org.attention4j.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Shape;
import org.attention4j.tensor.Tensor;

/**
 * An open, validated safetensors file. The data buffer is memory-mapped, so opening a large file
 * costs only its header; each {@link #tensor} or {@link #intTensor} call copies one tensor onto
 * the heap. Close it to unmap the file (needed before the file can be replaced on Windows).
 * Safe for concurrent reads from several threads.
 *
 * <p>Obtain one with {@link Safetensors#read}.
 */
public final class SafetensorsFile implements AutoCloseable {
  private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Path path;
  private final String file;
  private final Map<String, SafetensorsHeader.Entry> entries = new LinkedHashMap<>();
  private final Map<String, String> metadata;
  private final Arena arena;
  private final MemorySegment data;

  private SafetensorsFile(Path path, SafetensorsHeader header, Arena arena, MemorySegment data) {
    this.path = path;
    this.file = path.toString();
    for (SafetensorsHeader.Entry e : header.entries) entries.put(e.name(), e);
    this.metadata = header.metadata;
    this.arena = arena;
    this.data = data;
  }

  static SafetensorsFile open(Path path) throws IOException {
    String file = path.toString();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) {
        throw new IllegalArgumentException(
            file + ": file is " + size + " bytes, shorter than the 8-byte header length prefix");
      }
      long n = readFully(ch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
      if (Long.compareUnsigned(n, Safetensors.MAX_HEADER_BYTES) > 0) {
        throw new IllegalArgumentException(file + ": header length " + Long.toUnsignedString(n)
            + " exceeds the limit of " + Safetensors.MAX_HEADER_BYTES + " bytes");
      }
      if (8 + n > size) {
        throw new IllegalArgumentException(file + ": header length " + n
            + " runs past the end of the file (" + size + " bytes, so at most " + (size - 8) + ")");
      }
      byte[] headerBytes = readFully(ch, 8, (int) n).array();
      long bufferBytes = size - 8 - n;
      SafetensorsHeader header = SafetensorsHeader.parse(file, headerBytes, bufferBytes);
      Arena arena = Arena.ofShared();
      try {
        MemorySegment data = bufferBytes == 0
            ? MemorySegment.NULL
            : ch.map(FileChannel.MapMode.READ_ONLY, 8 + n, bufferBytes, arena);
        return new SafetensorsFile(path, header, arena, data);
      } catch (IOException | RuntimeException e) {
        arena.close();
        throw e;
      }
    }
  }

  private static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (ch.read(buf, position + buf.position()) < 0) {
        throw new IOException("unexpected end of file at byte " + (position + buf.position()));
      }
    }
    return buf.flip();
  }

  /** The file this was read from. */
  public Path path() {
    return path;
  }

  /** Tensor names in the order of the header. */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /** Whether the file holds a tensor with this name. */
  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /**
   * The stored element type of a tensor.
   *
   * @throws IllegalArgumentException if there is no such tensor
   */
  public Dtype dtype(String name) {
    return entry(name).dtype();
  }

  /**
   * The shape of a tensor.
   *
   * @throws IllegalArgumentException if there is no such tensor
   */
  public Shape shape(String name) {
    return entry(name).shape();
  }

  /** The {@code __metadata__} string map; empty if the file has none. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * A tensor's values as a fresh float32 tensor. F32, F16, BF16, BOOL and 8/16-bit integers
   * convert exactly; 32/64-bit integers must be exactly representable as floats (at most 2^24 in
   * magnitude, or a multiple of a suitable power of two); F64 rounds to nearest but must lie in
   * the float32 range.
   *
   * @throws IllegalArgumentException if there is no such tensor, an integer is not exactly
   *     representable, a finite F64 value overflows float32, or a BOOL byte is not 0 or 1
   * @throws IllegalStateException if this file has been closed
   */
  public Tensor tensor(String name) {
    SafetensorsHeader.Entry e = entry(name);
    Tensor t = Tensor.zeros(e.shape().toArray());
    float[] out = t.storage(); // a fresh contiguous array: fill it in place, no second copy
    int n = e.shape().numel();
    long at = e.begin();
    switch (e.dtype()) {
      case F32 -> MemorySegment.copy(data, F32, at, out, 0, n);
      case F16 -> {
        for (int i = 0; i < n; i++) out[i] = Float.float16ToFloat(data.get(I16, at + 2L * i));
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat(data.get(I16, at + 2L * i) << 16);
      }
      case F64 -> {
        for (int i = 0; i < n; i++) {
          double d = data.get(F64, at + 8L * i);
          out[i] = (float) d;
          if (Float.isInfinite(out[i]) && !Double.isInfinite(d)) {
            throw new IllegalArgumentException(where(e) + "F64 value " + d + " at index " + i
                + " is outside the float32 range");
          }
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          long v = integerAt(e, i);
          float f = v;
          // 2^63 itself would pass the cast check (the long cast saturates), so exclude it first.
          if (f >= 0x1p63f || (long) f != v) {
            throw new IllegalArgumentException(where(e) + e.dtype() + " value " + v + " at index " + i
                + " is not exactly representable as float32");
          }
          out[i] = f;
        }
      }
    }
    return t;
  }

  /**
   * A tensor's values as an int tensor; the dtype must be an integer type or BOOL.
   *
   * @throws IllegalArgumentException if there is no such tensor, its dtype is a float type, a
   *     value does not fit a 32-bit int, or a BOOL byte is not 0 or 1
   * @throws IllegalStateException if this file has been closed
   */
  public IntTensor intTensor(String name) {
    SafetensorsHeader.Entry e = entry(name);
    if (e.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(where(e) + "has dtype " + e.dtype()
          + "; intTensor needs an integer dtype (BOOL, U8, I8, I16, U16, I32, U32, I64)");
    }
    int n = e.shape().numel();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      long v = integerAt(e, i);
      if (v != (int) v) {
        throw new IllegalArgumentException(where(e) + e.dtype() + " value " + v + " at index " + i
            + " does not fit a 32-bit int");
      }
      out[i] = (int) v;
    }
    return IntTensor.of(out, e.shape().toArray());
  }

  /**
   * Every tensor as float32, in header order.
   *
   * @throws IllegalArgumentException as {@link #tensor} does
   */
  public Map<String, Tensor> tensors() {
    Map<String, Tensor> all = new LinkedHashMap<>();
    for (String name : entries.keySet()) all.put(name, tensor(name));
    return all;
  }

  private long integerAt(SafetensorsHeader.Entry e, int i) {
    long at = e.begin();
    return switch (e.dtype()) {
      case BOOL -> {
        byte b = data.get(ValueLayout.JAVA_BYTE, at + i);
        if (b != 0 && b != 1) {
          throw new IllegalArgumentException(where(e) + "BOOL byte " + (b & 0xff) + " at index " + i + " is not 0 or 1");
        }
        yield b;
      }
      case U8 -> data.get(ValueLayout.JAVA_BYTE, at + i) & 0xff;
      case I8 -> data.get(ValueLayout.JAVA_BYTE, at + i);
      case I16 -> data.get(I16, at + 2L * i);
      case U16 -> data.get(I16, at + 2L * i) & 0xffff;
      case I32 -> data.get(I32, at + 4L * i);
      case U32 -> data.get(I32, at + 4L * i) & 0xffffffffL;
      case I64 -> data.get(I64, at + 8L * i);
      default -> throw new IllegalStateException("not an integer dtype: " + e.dtype());
    };
  }

  private SafetensorsHeader.Entry entry(String name) {
    SafetensorsHeader.Entry e = entries.get(name);
    if (e == null) {
      List<String> some = new ArrayList<>(entries.keySet());
      String listed = some.size() <= 8 ? String.join(", ", some)
          : String.join(", ", some.subList(0, 8)) + ", ...";
      throw new IllegalArgumentException(file + ": no tensor named " + Json.quote(name) + " (the file has "
          + some.size() + (some.size() == 1 ? " tensor" : " tensors") + (some.isEmpty() ? "" : ": " + listed) + ")");
    }
    if (!arena.scope().isAlive()) throw new IllegalStateException(file + ": the file has been closed");
    return e;
  }

  private String where(SafetensorsHeader.Entry e) {
    return file + ": tensor " + Json.quote(e.name()) + ": ";
  }

  /** Unmaps the file; later reads throw {@link IllegalStateException}. Idempotent. */
  @Override
  public synchronized void close() {
    if (arena.scope().isAlive()) arena.close();
  }
}
