package org.attention4j.io;

import static org.attention4j.io.RawSafetensors.concat;
import static org.attention4j.io.RawSafetensors.f32;
import static org.attention4j.io.RawSafetensors.f64;
import static org.attention4j.io.RawSafetensors.le16;
import static org.attention4j.io.RawSafetensors.le32;
import static org.attention4j.io.RawSafetensors.le64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Shape;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips, the byte layout the official library writes, and dtype conversion.
 *
 * <p>{@code src/test/resources/io/official_*.safetensors} were written by Python safetensors
 * 0.8.0 (numpy 2.2.6): see {@code io/README.md} next to them for the script.
 */
class SafetensorsTest {
  @TempDir Path dir;

  private static float[] vals(int n, int k) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = i * 0.37f - k; // float32 arithmetic, as numpy does
    return v;
  }

  private Path file(String header, byte[] data) throws IOException {
    return RawSafetensors.write(dir, "t.safetensors", RawSafetensors.file(header, data));
  }

  @Test
  void write_thenRead_roundTripsValuesShapesAndMetadata() throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("encoder.wq.weight", Tensor.of(vals(35, 1), 5, 7));
    tensors.put("bias", Tensor.of(new float[] {-0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE,
        Float.NEGATIVE_INFINITY}, 5));
    tensors.put("scale", Tensor.of(new float[] {2.5f}));
    Path p = dir.resolve("model.safetensors");
    Safetensors.write(p, tensors, Map.of("format", "pt", "note", "caf\u00e9 \"x\""));
    try (SafetensorsFile f = Safetensors.read(p)) {
      assertEquals(List.of("bias", "encoder.wq.weight", "scale"), f.names());
      assertEquals(Map.of("format", "pt", "note", "caf\u00e9 \"x\""), f.metadata());
      for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
        assertEquals(Dtype.F32, f.dtype(e.getKey()));
        assertEquals(e.getValue().shape(), f.shape(e.getKey()));
        Tensor back = f.tensor(e.getKey());
        assertEquals(e.getValue().shape(), back.shape());
        assertArrayEquals(e.getValue().toArray(), back.toArray());
      }
    }
  }

  @Test
  void write_scalarAndZeroSizeTensors_roundTrip() throws IOException {
    Path p = dir.resolve("m.safetensors");
    Safetensors.write(p, Map.of("s", Tensor.scalar(-3.25f), "empty", Tensor.zeros(0, 3), "none", Tensor.zeros(0)),
        null);
    try (SafetensorsFile f = Safetensors.read(p)) {
      assertEquals(Shape.scalar(), f.shape("s"));
      assertEquals(-3.25f, f.tensor("s").item());
      assertEquals(Shape.of(0, 3), f.tensor("empty").shape());
      assertEquals(0, f.tensor("none").numel());
      assertEquals(Map.of(), f.metadata());
    }
  }

  @Test
  void write_emptyMap_writesAValidFile() throws IOException {
    Path p = dir.resolve("m.safetensors");
    Safetensors.write(p, Map.of(), null);
    assertArrayEquals(concat(le64(8), "{}      ".getBytes(StandardCharsets.US_ASCII)), Files.readAllBytes(p));
    try (SafetensorsFile f = Safetensors.read(p)) {
      assertEquals(List.of(), f.names());
    }
  }

  @Test
  void write_transposedView_writesLogicalRowMajorOrder() throws IOException {
    Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1); // (2,3) -> (3,2)
    Path p = dir.resolve("m.safetensors");
    Safetensors.write(p, Map.of("t", t), null);
    Tensor back = Safetensors.readAll(p).get("t");
    assertEquals(Shape.of(3, 2), back.shape());
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, back.toArray());
  }

  @Test
  void write_narrowedView_startsAtItsStorageOffset() throws IOException {
    Tensor t = Tensor.of(vals(10, 0)).narrow(0, 3, 4); // contiguous, storage offset 3
    Path p = dir.resolve("m.safetensors");
    Safetensors.write(p, Map.of("t", t), null);
    assertArrayEquals(t.toArray(), Safetensors.readAll(p).get("t").toArray());
  }

  @Test
  void write_intTensors_areStoredAsI64() throws IOException {
    Path p = dir.resolve("m.safetensors");
    IntTensor ids = IntTensor.of(new int[] {Integer.MIN_VALUE, -1, 0, 7, Integer.MAX_VALUE, 3}, 2, 3);
    Safetensors.write(p, Map.of("w", Tensor.of(vals(3, 0))), Map.of("ids", ids), null);
    try (SafetensorsFile f = Safetensors.read(p)) {
      assertEquals(List.of("ids", "w"), f.names()); // 8-byte dtypes first, as the official library
      assertEquals(Dtype.I64, f.dtype("ids"));
      assertEquals(ids, f.intTensor("ids"));
    }
  }

  @Test
  void write_manyTensors_roundTripInCodePointOrder() throws IOException {
    SplittableRandom rng = new SplittableRandom(1);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      float[] v = new float[rng.nextInt(0, 50)];
      for (int j = 0; j < v.length; j++) v[j] = (float) rng.nextGaussian();
      tensors.put((i % 3 == 0 ? "Layer." : i % 3 == 1 ? "layer." : "\u00e9.") + i, Tensor.of(v));
    }
    Path p = dir.resolve("m.safetensors");
    Safetensors.write(p, tensors, null);
    List<String> expectedOrder = new ArrayList<>(tensors.keySet());
    expectedOrder.sort(Safetensors.CODE_POINT_ORDER);
    try (SafetensorsFile f = Safetensors.read(p)) {
      assertEquals(expectedOrder, f.names());
      for (String name : expectedOrder) assertArrayEquals(tensors.get(name).toArray(), f.tensor(name).toArray());
    }
  }

  @Test
  void write_headerIsCompactJsonPaddedWithSpaces() throws IOException {
    Path p = dir.resolve("m.safetensors");
    Safetensors.write(p, Map.of("a", Tensor.of(new float[] {1, 2})), Map.of("format", "pt"));
    String header = "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
    String padded = header + " ".repeat(7 - (header.length() + 7) % 8);
    assertEquals(0, padded.length() % 8);
    assertArrayEquals(concat(le64(padded.length()), padded.getBytes(StandardCharsets.UTF_8), f32(1, 2)),
        Files.readAllBytes(p));
  }

  @Test
  void write_f32Tensors_matchOfficialLibraryByteForByte() throws IOException {
    Map<String, Tensor> tensors = Map.of(
        "z", Tensor.of(vals(5, 1)),
        "a.b", Tensor.of(vals(12, 2), 3, 4),
        "\u00e9", Tensor.of(vals(2, 3), 1, 2, 1),
        "Z_up", Tensor.scalar(vals(1, 4)[0]),
        "emb.weight", Tensor.of(vals(24, 5), 2, 3, 4));
    Path p = dir.resolve("m.safetensors");
    Safetensors.write(p, tensors, Map.of("note", "made by safetensors 0.8.0"));
    assertArrayEquals(Files.readAllBytes(RawSafetensors.resource("/io/official_f32.safetensors")), Files.readAllBytes(p));
  }

  @Test
  void write_mixedF32AndI64_matchOfficialLibraryByteForByte() throws IOException {
    Path p = dir.resolve("m.safetensors");
    Safetensors.write(p,
        Map.of("b", Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 2, 3), "A", Tensor.zeros(0), "s", Tensor.scalar(1.5f)),
        Map.of("i", IntTensor.of(new int[] {1, -2}, 2)), Map.of("format", "pt"));
    assertArrayEquals(Files.readAllBytes(RawSafetensors.resource("/io/official_mixed.safetensors")), Files.readAllBytes(p));
  }

  @Test
  void write_badNames_areRejectedBeforeTouchingTheFile() throws IOException {
    Path p = dir.resolve("m.safetensors");
    Safetensors.write(p, Map.of("a", Tensor.scalar(1)), null);
    byte[] before = Files.readAllBytes(p);
    assertEquals("Safetensors.write: tensor name \"__metadata__\" is reserved",
        assertThrows(IllegalArgumentException.class,
            () -> Safetensors.write(p, Map.of("__metadata__", Tensor.scalar(1)), null)).getMessage());
    assertEquals("Safetensors.write: tensor name \"a\" is in both the float and the int tensor maps",
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(p, Map.of("a", Tensor.scalar(1)),
            Map.of("a", IntTensor.of(new int[] {1})), null)).getMessage());
    Map<String, Tensor> withNull = new LinkedHashMap<>();
    withNull.put("w", null);
    assertEquals("Safetensors.write: tensor \"w\" is null",
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(p, withNull, null)).getMessage());
    assertArrayEquals(before, Files.readAllBytes(p));
    assertEquals(List.of(p), listDir());
  }

  @Test
  void write_missingDirectory_failsWithoutLeftovers() {
    assertThrows(NoSuchFileException.class,
        () -> Safetensors.write(dir.resolve("no/such/m.safetensors"), Map.of("a", Tensor.scalar(1)), null));
  }

  @Test
  void read_officialDtypes_convertExactly() throws IOException {
    try (SafetensorsFile f = Safetensors.read(RawSafetensors.resource("/io/official_dtypes.safetensors"))) {
      assertEquals(List.of("i64", "f64", "i32", "f16", "i8", "u8", "bool"), f.names());
      assertArrayEquals(new float[] {0, -0f, 1, -2, 65504, 0x1p-24f, 0x1p-14f, Float.POSITIVE_INFINITY,
          Float.NEGATIVE_INFINITY, 0.0999755859375f, Float.NaN}, f.tensor("f16").toArray());
      assertArrayEquals(new float[] {-128, -1, 0, 127}, f.tensor("i8").toArray());
      assertArrayEquals(new float[] {0, 1, 255}, f.tensor("u8").toArray());
      assertArrayEquals(new float[] {-16777216, 16777216, 7, -7}, f.tensor("i32").toArray());
      assertEquals(Shape.of(2, 2), f.tensor("i32").shape());
      assertArrayEquals(new float[] {-0x1p40f, 0x1p40f, 3}, f.tensor("i64").toArray());
      assertArrayEquals(new float[] {1, 0, 1}, f.tensor("bool").toArray());
      assertArrayEquals(new float[] {0.1f, -1e30f}, f.tensor("f64").toArray());
      assertArrayEquals(new int[] {-128, -1, 0, 127}, f.intTensor("i8").toArray());
      assertArrayEquals(new int[] {0, 1, 255}, f.intTensor("u8").toArray());
      assertArrayEquals(new int[] {1, 0, 1}, f.intTensor("bool").toArray());
      assertEquals(IntTensor.of(new int[] {-16777216, 16777216, 7, -7}, 2, 2), f.intTensor("i32"));
    }
  }

  /** IEEE binary16 decoded from its definition, independently of the reader. */
  private static float halfReference(int bits) {
    int sign = bits >> 15 & 1;
    int exp = bits >> 10 & 31;
    int mant = bits & 1023;
    double magnitude = exp == 0 ? mant * 0x1p-24
        : exp == 31 ? (mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
        : (1024 + mant) * Math.scalb(1.0, exp - 25);
    return (float) (sign == 1 ? -magnitude : magnitude);
  }

  /** bfloat16 decoded from its definition (8-bit exponent, 7-bit mantissa). */
  private static float bf16Reference(int bits) {
    int sign = bits >> 15 & 1;
    int exp = bits >> 7 & 255;
    int mant = bits & 127;
    double magnitude = exp == 0 ? mant * 0x1p-133
        : exp == 255 ? (mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
        : (128 + mant) * Math.scalb(1.0, exp - 134);
    return (float) (sign == 1 ? -magnitude : magnitude);
  }

  @Test
  void read_f16AndBf16_everyBitPatternDecodesExactly() throws IOException {
    int[] all = new int[65536];
    for (int i = 0; i < all.length; i++) all[i] = i;
    Path p = file("{\"h\":{\"dtype\":\"F16\",\"shape\":[65536],\"data_offsets\":[0,131072]},"
        + "\"b\":{\"dtype\":\"BF16\",\"shape\":[256,256],\"data_offsets\":[131072,262144]}}", concat(le16(all), le16(all)));
    try (SafetensorsFile f = Safetensors.read(p)) {
      float[] h = f.tensor("h").toArray();
      float[] b = f.tensor("b").toArray();
      for (int i = 0; i < all.length; i++) {
        assertEquals(halfReference(i), h[i], "F16 bits 0x" + Integer.toHexString(i));
        assertEquals(bf16Reference(i), b[i], "BF16 bits 0x" + Integer.toHexString(i));
        if (!Float.isNaN(b[i])) assertEquals(i << 16, Float.floatToRawIntBits(b[i]));
      }
    }
  }

  @Test
  void tensor_integerNotExactlyRepresentable_isRejected() throws IOException {
    Path p = file("{\"a\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[8,24]},"
        + "\"c\":{\"dtype\":\"U32\",\"shape\":[1],\"data_offsets\":[24,28]},"
        + "\"d\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[28,36]}}",
        concat(le32(16777216, 16777217), le64(1L << 62, (1L << 53) + 1), le32(-1), le64(Long.MAX_VALUE)));
    try (SafetensorsFile f = Safetensors.read(p)) {
      String at = p + ": tensor ";
      assertEquals(at + "\"a\": I32 value 16777217 at index 1 is not exactly representable as float32",
          assertThrows(IllegalArgumentException.class, () -> f.tensor("a")).getMessage());
      assertEquals(at + "\"b\": I64 value 9007199254740993 at index 1 is not exactly representable as float32",
          assertThrows(IllegalArgumentException.class, () -> f.tensor("b")).getMessage());
      assertEquals(at + "\"c\": U32 value 4294967295 at index 0 is not exactly representable as float32",
          assertThrows(IllegalArgumentException.class, () -> f.tensor("c")).getMessage());
      assertEquals(at + "\"d\": I64 value 9223372036854775807 at index 0 is not exactly representable as float32",
          assertThrows(IllegalArgumentException.class, () -> f.tensor("d")).getMessage());
      assertEquals(at + "\"b\": I64 value 4611686018427387904 at index 0 does not fit a 32-bit int",
          assertThrows(IllegalArgumentException.class, () -> f.intTensor("b")).getMessage());
      assertEquals(at + "\"c\": U32 value 4294967295 at index 0 does not fit a 32-bit int",
          assertThrows(IllegalArgumentException.class, () -> f.intTensor("c")).getMessage());
      assertArrayEquals(new int[] {16777216, 16777217}, f.intTensor("a").toArray());
    }
  }

  @Test
  void intTensor_floatDtype_isRejected() throws IOException {
    Path p = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", f32(1));
    try (SafetensorsFile f = Safetensors.read(p)) {
      assertEquals(p + ": tensor \"w\": has dtype F32; intTensor needs an integer dtype "
          + "(BOOL, U8, I8, I16, U16, I32, U32, I64)",
          assertThrows(IllegalArgumentException.class, () -> f.intTensor("w")).getMessage());
    }
  }

  @Test
  void tensor_sixteenBitIntegersAndF64_convert() throws IOException {
    Path p = file("{\"a\":{\"dtype\":\"I16\",\"shape\":[2],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[4,8]},"
        + "\"c\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[8,32]}}",
        concat(le16(-32768, 32767), le16(65535, 1), f64(0.1, Double.NEGATIVE_INFINITY, 1e-50)));
    try (SafetensorsFile f = Safetensors.read(p)) {
      assertArrayEquals(new float[] {-32768, 32767}, f.tensor("a").toArray());
      assertArrayEquals(new int[] {65535, 1}, f.intTensor("b").toArray());
      assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY, 0f}, f.tensor("c").toArray());
    }
  }

  @Test
  void tensor_f64OutsideFloatRange_isRejected() throws IOException {
    Path p = file("{\"c\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", f64(1, -1e300));
    try (SafetensorsFile f = Safetensors.read(p)) {
      assertEquals(p + ": tensor \"c\": F64 value -1.0E300 at index 1 is outside the float32 range",
          assertThrows(IllegalArgumentException.class, () -> f.tensor("c")).getMessage());
    }
  }

  @Test
  void tensor_boolByteOtherThanZeroOrOne_isRejected() throws IOException {
    Path p = file("{\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}", new byte[] {1, 0, 2});
    try (SafetensorsFile f = Safetensors.read(p)) {
      assertEquals(p + ": tensor \"m\": BOOL byte 2 at index 2 is not 0 or 1",
          assertThrows(IllegalArgumentException.class, () -> f.tensor("m")).getMessage());
    }
  }

  @Test
  void tensor_unknownName_listsWhatTheFileHas() throws IOException {
    Path p = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[4,8]}}", f32(1, 2));
    try (SafetensorsFile f = Safetensors.read(p)) {
      assertEquals(p + ": no tensor named \"zz\" (the file has 2 tensors: a, b)",
          assertThrows(IllegalArgumentException.class, () -> f.tensor("zz")).getMessage());
      assertTrue(f.contains("a"));
    }
  }

  @Test
  void tensor_afterClose_throwsIllegalState() throws IOException {
    Path p = file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", f32(1));
    SafetensorsFile f = Safetensors.read(p);
    f.close();
    f.close();
    assertEquals(p + ": the file has been closed",
        assertThrows(IllegalStateException.class, () -> f.tensor("a")).getMessage());
  }

  private List<Path> listDir() throws IOException {
    try (var s = Files.list(dir)) {
      return s.toList();
    }
  }
}
