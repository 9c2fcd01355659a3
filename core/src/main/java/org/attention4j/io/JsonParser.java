package org.attention4j.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict recursive-descent parser for RFC 8259 JSON; see {@link Json#parse} for the value
 * types it returns. One instance parses one text.
 */
final class JsonParser {
  private final String text;
  private final String source;
  private int pos;
  private int depth;

  JsonParser(String text, String source) {
    this.text = text;
    this.source = source;
  }

  Object parseDocument() {
    skipWhitespace();
    Object value = parseValue("a value");
    skipWhitespace();
    if (pos < text.length()) {
      throw error(pos, "expected end of input after the top-level value, got " + describe(pos));
    }
    return value;
  }

  private Object parseValue(String expected) {
    if (pos >= text.length()) throw error(pos, "expected " + expected + ", got end of input");
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> parseObject();
      case '[' -> parseArray();
      case '"' -> parseString();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) yield parseNumber();
        String hint = c == 'N' || c == 'I' ? " (NaN and Infinity are not valid JSON)" : "";
        throw error(pos, "expected " + expected + ", got " + describe(pos) + hint);
      }
    };
  }

  private Map<String, Object> parseObject() {
    enter(pos);
    pos++; // '{'
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      depth--;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        String what = map.isEmpty()
            ? "expected '\"' to start an object key or '}'"
            : "expected '\"' to start an object key after ','";
        String hint = !map.isEmpty() && peek() == '}' ? " (trailing commas are not allowed)" : "";
        throw error(pos, what + ", got " + describe(pos) + hint);
      }
      int keyPos = pos;
      String key = parseString();
      skipWhitespace();
      if (peek() != ':') {
        throw error(pos, "expected ':' after object key " + Json.quote(key) + ", got " + describe(pos));
      }
      pos++;
      skipWhitespace();
      Object value = parseValue("a value for object key " + Json.quote(key));
      if (map.containsKey(key)) throw error(keyPos, "duplicate object key " + Json.quote(key));
      map.put(key, value);
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == '}') {
        pos++;
        depth--;
        return map;
      } else {
        throw error(pos, "expected ',' or '}' after the value of object key " + Json.quote(key)
            + ", got " + describe(pos));
      }
    }
  }

  private List<Object> parseArray() {
    enter(pos);
    pos++; // '['
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      depth--;
      return list;
    }
    while (true) {
      skipWhitespace();
      if (!list.isEmpty() && peek() == ']') {
        throw error(pos, "expected a value after ',', got ']' (trailing commas are not allowed)");
      }
      list.add(parseValue(list.isEmpty() ? "a value or ']'" : "a value after ','"));
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == ']') {
        pos++;
        depth--;
        return list;
      } else {
        throw error(pos, "expected ',' or ']' after array element " + (list.size() - 1)
            + ", got " + describe(pos));
      }
    }
  }

  private void enter(int at) {
    if (++depth > Json.MAX_DEPTH) {
      throw error(at, "nesting deeper than " + Json.MAX_DEPTH + " levels is not supported");
    }
  }

  private String parseString() {
    int start = pos;
    pos++; // opening quote
    StringBuilder sb = null;
    int runStart = pos;
    while (true) {
      if (pos >= text.length()) throw error(start, "unterminated string");
      char c = text.charAt(pos);
      if (c == '"') {
        String s = sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
        pos++;
        return s;
      }
      if (c < 0x20) {
        throw error(pos, String.format("control character U+%04X in string (must be escaped)", (int) c));
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (sb == null) sb = new StringBuilder();
      sb.append(text, runStart, pos);
      int escPos = pos;
      pos++;
      if (pos >= text.length()) throw error(start, "unterminated string");
      char e = text.charAt(pos++);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        // Surrogate pairs arrive as two escapes and pair up by themselves in UTF-16; a lone
        // surrogate is kept as-is (RFC 8259 section 8.2 allows it; Json.write escapes it back).
        case 'u' -> sb.append(hex4(escPos));
        default -> throw error(escPos, "invalid escape '\\" + printable(e) + "' in string");
      }
      runStart = pos;
    }
  }

  private char hex4(int escPos) {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = pos + i < text.length() ? hexValue(text.charAt(pos + i)) : -1;
      if (d < 0) {
        String got = text.substring(escPos, Math.min(pos + 4, text.length()));
        throw error(escPos, "\\u escape needs 4 hex digits, got " + got.replace("\n", "\\n"));
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  private Object parseNumber() {
    int start = pos;
    if (peek() == '-') pos++;
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) throw error(start, "leading zeros are not allowed in numbers");
    } else if (isDigit(peek())) {
      while (isDigit(peek())) pos++;
    } else {
      throw error(pos, "expected a digit after '-', got " + describe(pos));
    }
    boolean integral = true;
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!isDigit(peek())) throw error(pos, "expected a digit after '.', got " + describe(pos));
      while (isDigit(peek())) pos++;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') pos++;
      if (!isDigit(peek())) throw error(pos, "expected a digit in the exponent, got " + describe(pos));
      while (isDigit(peek())) pos++;
    }
    String literal = text.substring(start, pos);
    if (integral) {
      try {
        return Long.parseLong(literal); // "-0" becomes 0: an integer has no signed zero
      } catch (NumberFormatException tooBig) {
        // falls through: integers beyond the long range become the nearest double
      }
    }
    double d = Double.parseDouble(literal);
    if (Double.isInfinite(d)) throw error(start, "number " + literal + " is out of the double range");
    return d;
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error(pos, "invalid literal (expected true, false or null)");
    }
    pos += word.length();
    return value;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      pos++;
    }
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private String describe(int at) {
    if (at >= text.length()) return "end of input";
    return "'" + printable(text.charAt(at)) + "'";
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }

  private IllegalArgumentException error(int at, String message) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new IllegalArgumentException(source + ": offset " + at + " (line " + line + ", column "
        + (at - lineStart + 1) + "): " + message);
  }
}
