package org.attention4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attention4j.tensor.Shape;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the files that Python's safetensors wrote under {@code fixtures/safetensors/} (made by
 * {@code scripts/reference/fx_interop.py}) and checks values and, for F32, the exact bytes of our
 * writer. A missing fixture fails: they are committed.
 *
 * <p>{@code interop_f32.safetensors} overlaps {@code SafetensorsTest}'s byte comparison with
 * {@code io/official_f32.safetensors} but goes through our reader first, and adds what that file
 * lacks: a name outside the Basic Multilingual Plane (where UTF-16 order and the official
 * writer's code-point order disagree), an empty tensor, and -0.0, infinities, NaN and a
 * subnormal that must survive reading and writing bit for bit.
 */
class SafetensorsInteropTest {
  private static final String DIR = "/fixtures/safetensors/";

  @TempDir Path tmp;

  private static Path fixture(String name) {
    Path p = RawSafetensors.resource(DIR + name);
    assertNotNull(p, "fixture src/test/resources" + DIR + name
        + " is missing; regenerate it with scripts/reference/fixtures.py");
    return p;
  }

  @Test
  void read_interopDtypes_matchesValuesPythonWrote() throws IOException {
    Path file = fixture("interop_dtypes.safetensors");
    Path json = fixture("interop_dtypes.json");
    Map<String, Object> expected = Json.parseObject(Files.readString(json), json.toString());
    if (expected.get("tensors") instanceof Map<?, ?> nested) expected = castMap(nested);
    int checked = 0;
    try (SafetensorsFile f = Safetensors.read(file)) {
      for (Map.Entry<String, Object> e : expected.entrySet()) {
        String name = e.getKey();
        if (name.startsWith("__")) continue; // metadata, not a tensor
        assertTrue(f.contains(name), json + " lists " + name + " but the file has " + f.names());
        List<Double> values = new ArrayList<>();
        int[] shape = null;
        if (e.getValue() instanceof List<?> list) {
          flatten(list, values);
        } else if (e.getValue() instanceof Map<?, ?> spec) {
          Object v = firstOf(spec, "values", "data", "expected", "flat");
          if (v == null) fail(json + ": entry " + name + " has no values/data/expected list: " + spec.keySet());
          flatten((List<?>) v, values);
          if (spec.get("shape") instanceof List<?> s) shape = s.stream().mapToInt(x -> ((Number) x).intValue()).toArray();
          if (spec.get("dtype") instanceof String d) assertEquals(d.toUpperCase(), f.dtype(name).name(), name);
        } else {
          fail(json + ": entry " + name + " is neither a list nor an object");
        }
        if (shape != null) assertEquals(Shape.of(shape), f.shape(name), name);
        for (Dtype d : Dtype.values()) {
          if (d.name().equalsIgnoreCase(name)) assertEquals(d, f.dtype(name), name);
        }
        checkFloats(f, name, values);
        if (!f.dtype(name).isFloatingPoint()) checkInts(f, name, values);
        checked++;
      }
    }
    assertTrue(checked >= 1, json + " names no tensors");
  }

  @Test
  void write_interopF32_reproducesPythonBytesExactly() throws IOException {
    Path file = fixture("interop_f32.safetensors");
    Map<String, Tensor> tensors;
    Map<String, String> metadata;
    try (SafetensorsFile f = Safetensors.read(file)) {
      for (String name : f.names()) {
        assertEquals(Dtype.F32, f.dtype(name), file + " tensor " + name + ": the byte comparison needs F32 only");
      }
      // The official writer emits __metadata__ from a Rust HashMap: its key order is only
      // predictable (and then equal to our sorted order) with at most one key.
      assertTrue(f.metadata().size() <= 1, file + " has several metadata keys, whose order Python does not fix");
      tensors = f.tensors();
      metadata = f.metadata();
    }
    Path ours = tmp.resolve("ours.safetensors");
    Safetensors.write(ours, tensors, metadata);
    byte[] want = Files.readAllBytes(file);
    byte[] got = Files.readAllBytes(ours);
    assertFalse(want.length == 0);
    assertArrayEquals(want, got, "our writer's bytes differ from " + file);
  }

  /**
   * Floats must match exactly; where an integer value has no exact float32 (such as I32
   * 2147483647), reading as float must refuse, naming the first such value.
   */
  private static void checkFloats(SafetensorsFile f, String name, List<Double> values) {
    float[] want = new float[values.size()];
    for (int i = 0; i < want.length; i++) {
      double v = values.get(i);
      want[i] = (float) v;
      if (!f.dtype(name).isFloatingPoint() && want[i] != v) {
        String message = assertThrows(IllegalArgumentException.class, () -> f.tensor(name)).getMessage();
        assertTrue(message.endsWith(": tensor \"" + name + "\": " + f.dtype(name) + " value " + (long) v
            + " at index " + i + " is not exactly representable as float32"), message);
        return;
      }
    }
    assertArrayEquals(want, f.tensor(name).toArray(), name + " (" + f.dtype(name) + ")");
  }

  /** Integers must match exactly where they fit an int; otherwise intTensor must refuse. */
  private static void checkInts(SafetensorsFile f, String name, List<Double> values) {
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i);
      if (v != (int) v) {
        String message = assertThrows(IllegalArgumentException.class, () -> f.intTensor(name)).getMessage();
        assertTrue(message.endsWith(": tensor \"" + name + "\": " + f.dtype(name) + " value " + (long) v
            + " at index " + i + " does not fit a 32-bit int"), message);
        return;
      }
    }
    int[] got = f.intTensor(name).toArray();
    assertEquals(values.size(), got.length, name);
    for (int i = 0; i < got.length; i++) assertEquals((double) values.get(i), got[i], name + "[" + i + "]");
  }

  private static void flatten(List<?> list, List<Double> out) {
    for (Object o : list) {
      switch (o) {
        case List<?> inner -> flatten(inner, out);
        case Number n -> out.add(n.doubleValue());
        case Boolean b -> out.add(b ? 1.0 : 0.0);
        case String s -> out.add(switch (s.toLowerCase()) {
          case "nan" -> Double.NaN;
          case "inf", "infinity", "+inf" -> Double.POSITIVE_INFINITY;
          case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
          default -> Double.parseDouble(s);
        });
        default -> fail("unexpected value " + o + " in fixture values");
      }
    }
  }

  private static Object firstOf(Map<?, ?> map, String... keys) {
    for (String k : keys) {
      if (map.get(k) instanceof List<?> l) return l;
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
