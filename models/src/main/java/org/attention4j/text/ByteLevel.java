package org.attention4j.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2's reversible map between bytes and printable characters (Radford et al. 2019;
 * {@code bytes_to_unicode} in its encoder, {@code ByteLevel} in Hugging Face tokenizers): the
 * printable bytes {@code !..~}, {@code ¡..¬} and {@code ®..ÿ} stand for themselves, the other 68
 * bytes for U+0100 upwards in byte order, so a space is {@code Ġ} (U+0120) and a newline
 * {@code Ċ} (U+010A).
 */
final class ByteLevel {
  private ByteLevel() {}

  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[512];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      char c = printable ? (char) b : (char) (256 + n++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  /** The character that stands for byte {@code b} (0–255). */
  static char charOf(int b) {
    return BYTE_TO_CHAR[b];
  }

  /** The UTF-8 bytes of {@code text}, each as its character. */
  static String encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    char[] out = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
    return new String(out);
  }

  /**
   * Appends the bytes that the characters of {@code token} stand for; a character outside the map
   * (an added token such as {@code <unk>} written by hand) contributes its own UTF-8 bytes.
   */
  static void appendBytes(String token, ByteArrayOutputStream out) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
      if (b >= 0) {
        out.write(b);
      } else {
        int cp = token.codePointAt(i);
        byte[] raw = Character.toString(cp).getBytes(StandardCharsets.UTF_8);
        out.write(raw, 0, raw.length);
        i += Character.charCount(cp) - 1;
      }
    }
  }
}
