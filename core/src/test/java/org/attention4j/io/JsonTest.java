package org.attention4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {

  private static String parseError(String text) {
    return assertThrows(IllegalArgumentException.class, () -> Json.parse(text, "config.json")).getMessage();
  }

  @Test
  void parse_returnsDocumentedTypes() {
    Map<String, Object> m = Json.parseObject(
        "{\"i\": 42, \"d\": 4.5, \"t\": true, \"f\": false, \"n\": null, \"s\": \"x\", \"a\": [], \"o\": {}}", "t");
    assertEquals(42L, m.get("i"));
    assertEquals(4.5, m.get("d"));
    assertEquals(Boolean.TRUE, m.get("t"));
    assertEquals(Boolean.FALSE, m.get("f"));
    assertTrue(m.containsKey("n"));
    assertEquals(null, m.get("n"));
    assertEquals("x", m.get("s"));
    assertEquals(List.of(), m.get("a"));
    assertEquals(Map.of(), m.get("o"));
    assertInstanceOf(LinkedHashMap.class, m);
  }

  @Test
  void parse_keepsKeyOrder() {
    Map<String, Object> m = Json.parseObject("{\"z\":1,\"a\":2,\"m\":3}", "t");
    assertEquals(List.of("z", "a", "m"), new ArrayList<>(m.keySet()));
  }

  @Test
  void parse_numbers_integersExponentsBigIntsAndNegativeZero() {
    assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807", "t"));
    assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808", "t"));
    assertEquals(9.223372036854775808e18, Json.parse("9223372036854775808", "t"));
    assertEquals(1e20, Json.parse("100000000000000000000", "t"));
    assertEquals(100.0, Json.parse("1e2", "t"));
    assertEquals(0.01, Json.parse("1E-2", "t"));
    assertEquals(-1500.0, Json.parse("-1.5e+3", "t"));
    assertEquals(0L, Json.parse("-0", "t"));
    assertEquals(-0.0, Json.parse("-0.0", "t")); // Double.equals tells -0.0 from 0.0
    assertEquals(5e-324, Json.parse("4.9e-324", "t"));
  }

  @Test
  void parse_unicodeEscapes_includingSurrogatePairs() {
    assertEquals("\u00e9", Json.parse("\"\\u00e9\"", "t"));
    assertEquals("\uD83D\uDE00", Json.parse("\"\\uD83D\\uDE00\"", "t"));
    assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\"", "t"));
    assertEquals("\"\\/\b\f\n\r\t", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "t"));
    assertEquals("\u00e9\uD83D\uDE00", Json.parse("\"\u00e9\uD83D\uDE00\"", "t"));
    assertEquals("\uD800", Json.parse("\"\\uD800\"", "t")); // a lone surrogate is kept
  }

  @Test
  void parse_maxDepth_isAccepted() {
    String text = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertInstanceOf(List.class, Json.parse(text, "t"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      {"dModel" 4}    | offset 10 (line 1, column 11): expected ':' after object key "dModel", got '4'
      {"a":1,"a":2}   | offset 7 (line 1, column 8): duplicate object key "a"
      {"a":1,}        | offset 7 (line 1, column 8): expected '"' to start an object key after ',', got '}' (trailing commas are not allowed)
      [1,2,]          | offset 5 (line 1, column 6): expected a value after ',', got ']' (trailing commas are not allowed)
      [NaN]           | offset 1 (line 1, column 2): expected a value or ']', got 'N' (NaN and Infinity are not valid JSON)
      -Infinity       | offset 1 (line 1, column 2): expected a digit after '-', got 'I'
      Infinity        | offset 0 (line 1, column 1): expected a value, got 'I' (NaN and Infinity are not valid JSON)
      {} x            | offset 3 (line 1, column 4): expected end of input after the top-level value, got 'x'
      `"abc`          | offset 0 (line 1, column 1): unterminated string
      01              | offset 0 (line 1, column 1): leading zeros are not allowed in numbers
      `"\\x"`         | offset 1 (line 1, column 2): invalid escape '\\x' in string
      `"\\u12G4"`     | offset 1 (line 1, column 2): \\u escape needs 4 hex digits, got \\u12G4
      `"\\u12"`       | offset 1 (line 1, column 2): \\u escape needs 4 hex digits, got \\u12"
      1.              | offset 2 (line 1, column 3): expected a digit after '.', got end of input
      1e              | offset 2 (line 1, column 3): expected a digit in the exponent, got end of input
      -               | offset 1 (line 1, column 2): expected a digit after '-', got end of input
      tru             | offset 0 (line 1, column 1): invalid literal (expected true, false or null)
      1e400           | offset 0 (line 1, column 1): number 1e400 is out of the double range
      [1 2]           | offset 3 (line 1, column 4): expected ',' or ']' after array element 0, got '2'
      {"a":1 "b":2}   | offset 7 (line 1, column 8): expected ',' or '}' after the value of object key "a", got '"'
      {1:2}           | offset 1 (line 1, column 2): expected '"' to start an object key or '}', got '1'
      {"a":}          | offset 5 (line 1, column 6): expected a value for object key "a", got '}'
      [1,             | offset 3 (line 1, column 4): expected a value after ',', got end of input
      // comment      | offset 0 (line 1, column 1): expected a value, got '/'
      """)
  void parse_invalidText_namesOffsetAndExpectation(String text, String message) {
    assertEquals("config.json: " + message, parseError(text));
  }

  @Test
  void parse_errorOnLaterLine_givesLineAndColumn() {
    assertEquals("config.json: offset 23 (line 2, column 11): expected ':' after object key \"dModel\", got '='",
        parseError("{\"heads\": 4,\n  \"dModel\"= 64}"));
  }

  @Test
  void parse_controlCharacterInString_isRejected() {
    assertEquals("config.json: offset 2 (line 1, column 3): control character U+000A in string (must be escaped)",
        parseError("\"a\nb\""));
    assertEquals("config.json: offset 1 (line 1, column 2): control character U+0000 in string (must be escaped)",
        parseError("\"\u0000\""));
  }

  @Test
  void parse_emptyInput_saysEndOfInput() {
    assertEquals("config.json: offset 0 (line 1, column 1): expected a value, got end of input", parseError(""));
    assertEquals("config.json: offset 2 (line 2, column 1): expected a value, got end of input", parseError(" \n"));
  }

  @Test
  void parse_nestingTooDeep_saysSo() {
    String text = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    assertEquals("config.json: offset 512 (line 1, column 513): nesting deeper than 512 levels is not supported",
        parseError(text));
    String objects = "{\"a\":".repeat(Json.MAX_DEPTH + 1);
    assertTrue(parseError(objects).endsWith("nesting deeper than 512 levels is not supported"));
  }

  @Test
  void parseObject_nonObject_isRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]", "config.json"));
    assertEquals("config.json: expected a JSON object at the top level, got an array", e.getMessage());
  }

  @Test
  void write_compact_hasNoWhitespace() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", 1L);
    m.put("b", Arrays.asList(true, null, "x"));
    m.put("c", Map.of());
    m.put("d", List.of());
    assertEquals("{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{},\"d\":[]}", Json.write(m, false));
  }

  @Test
  void write_pretty_indentsTwoSpaces() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("lr", 0.001);
    inner.put("betas", List.of(0.9, 0.999));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", 12);
    m.put("optimizer", inner);
    m.put("empty", List.of());
    assertEquals("""
        {
          "step": 12,
          "optimizer": {
            "lr": 0.001,
            "betas": [
              0.9,
              0.999
            ]
          },
          "empty": []
        }""", Json.write(m, true));
  }

  @Test
  void write_numbers_integersWithoutFractionFloatsShortest() {
    assertEquals("[1,3,7,1.0,0.1,0.1,1.0E20,-0.0,0.30000000000000004,123456789012345678901]",
        Json.write(List.of(1L, 3, (short) 7, 1.0, 0.1f, 0.1, 1e20, -0.0, 0.1 + 0.2,
            new java.math.BigInteger("123456789012345678901")), false));
  }

  @Test
  void write_strings_escapesLikeSerdeJson() {
    assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\\u001f/\u00e9\uD83D\uDE00\\ud800\"",
        Json.write("a\"b\\c\n\t\u0001\u001f/\u00e9\uD83D\uDE00\uD800", false));
  }

  @Test
  void write_nonFiniteNumber_namesThePath() {
    Map<String, Object> m = Map.of("optimizer", Map.of("lr", Double.NaN));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(m, false));
    assertEquals("Json.write: NaN is not representable in JSON at $.optimizer.lr", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Json.write(List.of(1, Float.NEGATIVE_INFINITY), true));
    assertEquals("Json.write: -Infinity is not representable in JSON at $[1]", e.getMessage());
  }

  @Test
  void write_badKeysTypesAndCycles_areRejected() {
    assertEquals("Json.write: map key 1 is not a string at $",
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, 2), false)).getMessage());
    assertEquals("Json.write: unsupported type java.lang.Object at $.x",
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", new Object()), false))
            .getMessage());
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    String message = assertThrows(IllegalArgumentException.class, () -> Json.write(cycle, false)).getMessage();
    assertTrue(message.startsWith("Json.write: nesting deeper than 512 levels is not supported (a cycle?) at $[0][0]"),
        message);
  }

  @Test
  void writeThenParse_roundTripsValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "tiny \"bert\"\n\u00e9\uD83D\uDE00\uDC00");
    m.put("dModel", 64L);
    m.put("dropout", 0.1);
    m.put("tiny", 5e-324);
    m.put("negZero", -0.0);
    m.put("flags", Arrays.asList(true, false, null));
    m.put("nested", Map.of("layers", List.of(List.of(1L, 2L), List.of())));
    for (boolean pretty : new boolean[] {false, true}) {
      assertEquals(m, Json.parse(Json.write(m, pretty), "t"));
    }
  }

  @Test
  void writeThenParse_randomDoublesAndFloats_roundTripExactly() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 2000; i++) {
      double d = Double.longBitsToDouble(rng.nextLong());
      if (!Double.isFinite(d)) continue;
      assertEquals(d, (double) (Double) Json.parse(Json.write(d, false), "t"));
      float f = Float.intBitsToFloat(rng.nextInt());
      if (!Float.isFinite(f)) continue;
      Object back = Json.parse(Json.write(f, false), "t");
      assertEquals(f, back instanceof Long l ? (float) l : (float) (double) (Double) back);
    }
  }

  @Test
  void getters_returnTypedValues() {
    Map<String, Object> m = Json.parseObject(
        "{\"heads\":4,\"lr\":3e-4,\"warm\":100,\"name\":\"x\",\"on\":true,\"o\":{\"k\":1},\"l\":[1]}", "config.json");
    assertEquals(4, Json.getInt(m, "heads", "config.json"));
    assertEquals(4L, Json.getLong(m, "heads", "config.json"));
    assertEquals(3e-4, Json.getDouble(m, "lr", "config.json"));
    assertEquals(100.0, Json.getDouble(m, "warm", "config.json"));
    assertEquals("x", Json.getString(m, "name", "config.json"));
    assertTrue(Json.getBoolean(m, "on", "config.json"));
    assertEquals(Map.of("k", 1L), Json.getObject(m, "o", "config.json"));
    assertEquals(List.of(1L), Json.getList(m, "l", "config.json"));
    assertEquals(8, Json.optInt(m, "layers", 8, "config.json"));
    assertEquals(4, Json.optInt(m, "heads", 8, "config.json"));
    assertEquals(0.5, Json.optDouble(m, "p", 0.5, "config.json"));
    assertEquals("d", Json.optString(m, "s", "d", "config.json"));
    assertTrue(Json.optBoolean(m, "b", true, "config.json"));
  }

  @Test
  void getters_wrongOrMissingField_sayWhichAndWhy() {
    Map<String, Object> m = Json.parseObject(
        "{\"heads\":\"four\",\"big\":3000000000,\"half\":2.5,\"name\":3,\"n\":null}", "config.json");
    assertEquals("config.json: field 'heads' must be an integer, got \"four\"",
        assertThrows(IllegalArgumentException.class, () -> Json.getInt(m, "heads", "config.json")).getMessage());
    assertEquals("config.json: field 'big' must fit a 32-bit int, got 3000000000",
        assertThrows(IllegalArgumentException.class, () -> Json.getInt(m, "big", "config.json")).getMessage());
    assertEquals("config.json: field 'half' must be an integer, got 2.5",
        assertThrows(IllegalArgumentException.class, () -> Json.getLong(m, "half", "config.json")).getMessage());
    assertEquals("config.json: field 'name' must be a string, got 3",
        assertThrows(IllegalArgumentException.class, () -> Json.getString(m, "name", "config.json")).getMessage());
    assertEquals("config.json: field 'n' must be a number, got null",
        assertThrows(IllegalArgumentException.class, () -> Json.getDouble(m, "n", "config.json")).getMessage());
    assertEquals("config.json: missing field 'layers'",
        assertThrows(IllegalArgumentException.class, () -> Json.getInt(m, "layers", "config.json")).getMessage());
    assertEquals("config.json: field 'heads' must be an object, got \"four\"",
        assertThrows(IllegalArgumentException.class, () -> Json.getObject(m, "heads", "config.json")).getMessage());
  }
}
