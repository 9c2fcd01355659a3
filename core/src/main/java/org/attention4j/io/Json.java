package org.attention4j.io;

import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) reader and writer for configs, checkpoint metadata and
 * safetensors headers.
 *
 * <p>Values map to Java as follows: object = {@code Map<String, Object>} (a {@link
 * java.util.LinkedHashMap}, in document order), array = {@code List<Object>}, string = {@link
 * String}, integer that fits a long = {@link Long}, any other number = {@link Double}, {@code
 * true}/{@code false} = {@link Boolean}, {@code null} = {@code null}. The integer {@code -0} reads
 * as {@code 0L}; {@code -0.0} keeps its sign as a Double. Integers beyond the long range read as
 * the nearest double.
 *
 * <p>The parser is strict: no duplicate keys, no trailing commas, no comments, no NaN or
 * Infinity, no unescaped control characters in strings, and at most {@value #MAX_DEPTH} levels of
 * nesting. Every error is an {@link IllegalArgumentException} whose message names the source, the
 * character offset (with line and column, both 1-based) and what was expected:
 * {@code config.json: offset 17 (line 2, column 5): expected ':' after object key "dModel", got '='}.
 */
public final class Json {
  /** The deepest nesting of arrays and objects that {@link #parse} and {@link #write} accept. */
  public static final int MAX_DEPTH = 512;

  private Json() {}

  /**
   * Parses a JSON text.
   *
   * @param text the JSON text
   * @param sourceName the name that errors start with, usually a file name
   * @return the value, typed as described in the class documentation
   * @throws IllegalArgumentException naming the source, offset and expectation if the text is not
   *     valid JSON or nests deeper than {@value #MAX_DEPTH}
   */
  public static Object parse(String text, String sourceName) {
    return new JsonParser(text, sourceName).parseDocument();
  }

  /**
   * Parses a JSON text whose top-level value must be an object.
   *
   * @throws IllegalArgumentException if the text is not valid JSON or its value is not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text, String sourceName) {
    Object value = parse(text, sourceName);
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          sourceName + ": expected a JSON object at the top level, got " + typeName(value));
    }
    return (Map<String, Object>) value;
  }

  /**
   * Writes a value as JSON: maps (string keys, in iteration order), lists and other collections,
   * strings, numbers, booleans and null. Integers are written without a fraction; floats and
   * doubles in their shortest form that reads back to the same value ({@link Float#toString},
   * {@link Double#toString}). Strings escape {@code "}, {@code \}, control characters (lowercase
   * hex, as serde_json) and lone surrogates; other characters are written as they are.
   *
   * @param pretty two-space indentation and {@code ": "} after keys when true; no whitespace at all
   *     when false
   * @throws IllegalArgumentException naming the path ({@code $.optimizer.lr}) for NaN or infinite
   *     numbers, non-string map keys, unsupported types, or nesting deeper than {@value #MAX_DEPTH}
   */
  public static String write(Object value, boolean pretty) {
    return new JsonWriter(pretty).write(value);
  }

  // ---------------------------------------------------------------- typed getters

  /**
   * The integer at {@code key}.
   *
   * @throws IllegalArgumentException if the field is missing, not an integer, or outside the int
   *     range: {@code config.json: field 'heads' must be an integer, got "four"}
   */
  public static int getInt(Map<String, ?> map, String key, String source) {
    long v = getLong(map, key, source);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(source + ": field '" + key + "' must fit a 32-bit int, got " + v);
    }
    return (int) v;
  }

  /**
   * The integer at {@code key}.
   *
   * @throws IllegalArgumentException if the field is missing or not an integer
   */
  public static long getLong(Map<String, ?> map, String key, String source) {
    Object v = require(map, key, source);
    if (v instanceof Long l) return l;
    throw mustBe(source, key, "an integer", v);
  }

  /**
   * The number at {@code key}; integers are accepted.
   *
   * @throws IllegalArgumentException if the field is missing or not a number
   */
  public static double getDouble(Map<String, ?> map, String key, String source) {
    Object v = require(map, key, source);
    if (v instanceof Long l) return l;
    if (v instanceof Double d) return d;
    throw mustBe(source, key, "a number", v);
  }

  /**
   * The string at {@code key}.
   *
   * @throws IllegalArgumentException if the field is missing or not a string
   */
  public static String getString(Map<String, ?> map, String key, String source) {
    Object v = require(map, key, source);
    if (v instanceof String s) return s;
    throw mustBe(source, key, "a string", v);
  }

  /**
   * The boolean at {@code key}.
   *
   * @throws IllegalArgumentException if the field is missing or not a boolean
   */
  public static boolean getBoolean(Map<String, ?> map, String key, String source) {
    Object v = require(map, key, source);
    if (v instanceof Boolean b) return b;
    throw mustBe(source, key, "a boolean", v);
  }

  /**
   * The object at {@code key}.
   *
   * @throws IllegalArgumentException if the field is missing or not an object
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> getObject(Map<String, ?> map, String key, String source) {
    Object v = require(map, key, source);
    if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw mustBe(source, key, "an object", v);
  }

  /**
   * The array at {@code key}.
   *
   * @throws IllegalArgumentException if the field is missing or not an array
   */
  @SuppressWarnings("unchecked")
  public static List<Object> getList(Map<String, ?> map, String key, String source) {
    Object v = require(map, key, source);
    if (v instanceof List<?> l) return (List<Object>) l;
    throw mustBe(source, key, "an array", v);
  }

  /**
   * The integer at {@code key}, or {@code fallback} when the key is absent.
   *
   * @throws IllegalArgumentException if the field is present but not an int
   */
  public static int optInt(Map<String, ?> map, String key, int fallback, String source) {
    return map.containsKey(key) ? getInt(map, key, source) : fallback;
  }

  /**
   * The number at {@code key}, or {@code fallback} when the key is absent.
   *
   * @throws IllegalArgumentException if the field is present but not a number
   */
  public static double optDouble(Map<String, ?> map, String key, double fallback, String source) {
    return map.containsKey(key) ? getDouble(map, key, source) : fallback;
  }

  /**
   * The string at {@code key}, or {@code fallback} when the key is absent.
   *
   * @throws IllegalArgumentException if the field is present but not a string
   */
  public static String optString(Map<String, ?> map, String key, String fallback, String source) {
    return map.containsKey(key) ? getString(map, key, source) : fallback;
  }

  /**
   * The boolean at {@code key}, or {@code fallback} when the key is absent.
   *
   * @throws IllegalArgumentException if the field is present but not a boolean
   */
  public static boolean optBoolean(Map<String, ?> map, String key, boolean fallback, String source) {
    return map.containsKey(key) ? getBoolean(map, key, source) : fallback;
  }

  // ---------------------------------------------------------------- helpers shared in this package

  private static Object require(Map<String, ?> map, String key, String source) {
    if (!map.containsKey(key)) throw new IllegalArgumentException(source + ": missing field '" + key + "'");
    return map.get(key);
  }

  private static IllegalArgumentException mustBe(String source, String key, String what, Object got) {
    return new IllegalArgumentException(
        source + ": field '" + key + "' must be " + what + ", got " + preview(got));
  }

  /** A value as short JSON for error messages: {@code "four"}, {@code 3.5}, {@code [1,2,...}. */
  static String preview(Object value) {
    String s;
    try {
      s = write(value, false);
    } catch (IllegalArgumentException notJson) {
      s = String.valueOf(value);
    }
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /** The JSON type of a parsed value: object, array, string, number, boolean or null. */
  static String typeName(Object value) {
    return switch (value) {
      case null -> "null";
      case Map<?, ?> m -> "an object";
      case List<?> l -> "an array";
      case String s -> "a string";
      case Number n -> "a number";
      case Boolean b -> "a boolean";
      default -> value.getClass().getSimpleName();
    };
  }

  /** A string as a JSON literal, for messages: {@code "dModel"}. */
  static String quote(String s) {
    return write(s, false);
  }
}
