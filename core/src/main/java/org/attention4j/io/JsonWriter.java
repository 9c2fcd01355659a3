package org.attention4j.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Writes Java values as JSON text; see {@link Json#write}. One instance writes one value. */
final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final boolean pretty;
  private final StringBuilder out = new StringBuilder();
  /** Keys and indices from the root to the value being written, for error messages. */
  private final List<Object> path = new ArrayList<>();
  private int depth;

  JsonWriter(boolean pretty) {
    this.pretty = pretty;
  }

  String write(Object value) {
    value(value);
    return out.toString();
  }

  private void value(Object v) {
    switch (v) {
      case null -> out.append("null");
      case String s -> string(s);
      case Boolean b -> out.append(b);
      case Long l -> out.append(l);
      case Integer i -> out.append(i);
      case Short s -> out.append(s);
      case Byte b -> out.append(b);
      case BigInteger b -> out.append(b);
      case Double d -> {
        checkFinite(d);
        out.append(d);
      }
      case Float f -> {
        checkFinite(f);
        out.append(f); // Float.toString: the shortest decimal that reads back to this float
      }
      case BigDecimal d -> out.append(d);
      case Map<?, ?> m -> object(m);
      case Collection<?> c -> array(c);
      default -> throw error("unsupported type " + v.getClass().getName());
    }
  }

  private void checkFinite(double d) {
    if (!Double.isFinite(d)) throw error(d + " is not representable in JSON");
  }

  private void object(Map<?, ?> map) {
    enter();
    if (map.isEmpty()) {
      out.append("{}");
    } else {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw error("map key " + e.getKey() + " is not a string");
        }
        if (!first) out.append(',');
        first = false;
        newline(path.size() + 1);
        string(key);
        out.append(pretty ? ": " : ":");
        path.add(key);
        value(e.getValue());
        path.removeLast();
      }
      newline(path.size());
      out.append('}');
    }
    leave();
  }

  private void array(Collection<?> items) {
    enter();
    if (items.isEmpty()) {
      out.append("[]");
    } else {
      out.append('[');
      int i = 0;
      for (Object item : items) {
        if (i > 0) out.append(',');
        newline(path.size() + 1);
        path.add(i++);
        value(item);
        path.removeLast();
      }
      newline(path.size());
      out.append(']');
    }
    leave();
  }

  private void enter() {
    if (++depth > Json.MAX_DEPTH) {
      throw error("nesting deeper than " + Json.MAX_DEPTH + " levels is not supported (a cycle?)");
    }
  }

  private void leave() {
    depth--;
  }

  private void newline(int level) {
    if (!pretty) return;
    out.append('\n');
    out.repeat("  ", level);
  }

  private void string(String s) {
    out.append('"');
    int runStart = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String esc = switch (c) {
        case '"' -> "\\\"";
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        case '\b' -> "\\b";
        case '\f' -> "\\f";
        default -> c < 0x20 || isLoneSurrogate(s, i) ? unicodeEscape(c) : null;
      };
      if (esc == null) continue;
      out.append(s, runStart, i).append(esc);
      runStart = i + 1;
    }
    out.append(s, runStart, s.length()).append('"');
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  private static String unicodeEscape(char c) {
    return "\\u" + HEX[c >> 12 & 15] + HEX[c >> 8 & 15] + HEX[c >> 4 & 15] + HEX[c & 15];
  }

  private IllegalArgumentException error(String message) {
    StringBuilder p = new StringBuilder("$");
    for (Object segment : path) {
      if (segment instanceof Integer i) p.append('[').append(i).append(']');
      else p.append('.').append(segment);
    }
    return new IllegalArgumentException("Json.write: " + message + " at " + p);
  }
}
