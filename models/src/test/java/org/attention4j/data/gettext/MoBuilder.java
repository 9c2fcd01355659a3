package org.attention4j.data.gettext;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out small GNU {@code .mo} files byte by byte for tests, in either byte order: the
 * 28-byte header (48 with system-dependent strings), the originals and translations tables,
 * a hash table whose slots point at strings 1..N in turn, the NUL-terminated strings, and for
 * revision 0.1 the segment and system-dependent string tables. Strings stay in the order they
 * are added (msgfmt would sort them; the reader does not need it).
 */
final class MoBuilder {

  private record Raw(byte[] original, byte[] translation) {}

  private final List<Raw> strings = new ArrayList<>();
  private final List<String> segments = new ArrayList<>();
  private record Sysdep(List<Object> original, List<Object> translation) {}

  private final List<Sysdep> sysdep = new ArrayList<>();
  private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
  private int revision = 0;
  private int hashSize = 0;
  private Charset charset = StandardCharsets.UTF_8;

  MoBuilder order(ByteOrder o) {
    order = o;
    return this;
  }

  MoBuilder revision(int r) {
    revision = r;
    return this;
  }

  MoBuilder hashSize(int s) {
    hashSize = s;
    return this;
  }

  /** The charset the texts added after this call are encoded in. */
  MoBuilder encoding(Charset c) {
    charset = c;
    return this;
  }

  /** A header entry with these lines (each ends with a newline). */
  MoBuilder header(String... lines) {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    return raw(new byte[0], sb.toString().getBytes(charset));
  }

  /** The usual UTF-8 header with a Plural-Forms line for {@code nplurals}. */
  MoBuilder utf8Header(int nplurals) {
    return header("Project-Id-Version: test 1.0", "Language: xx", "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
        "Plural-Forms: nplurals=" + nplurals + "; plural=(n != 1);");
  }

  MoBuilder add(String msgid, String msgstr) {
    return raw(msgid.getBytes(charset), msgstr.getBytes(charset));
  }

  MoBuilder addContext(String context, String msgid, String msgstr) {
    return raw((context + "\u0004" + msgid).getBytes(charset), msgstr.getBytes(charset));
  }

  MoBuilder addPlural(String msgid, String msgidPlural, String... msgstr) {
    return raw((msgid + "\0" + msgidPlural).getBytes(charset),
        String.join("\0", msgstr).getBytes(charset));
  }

  MoBuilder raw(byte[] original, byte[] translation) {
    strings.add(new Raw(original, translation));
    return this;
  }

  /** System-dependent segment names ({@code PRIuMAX}); sets revision 0.1 if still 0. */
  MoBuilder segments(String... names) {
    segments.addAll(List.of(names));
    if (revision == 0) {
      revision = 1;
    }
    return this;
  }

  /**
   * A system-dependent message: parts are static strings or {@code Integer} segment indices,
   * alternating, starting and ending with a static string.
   */
  MoBuilder addSysdep(List<Object> original, List<Object> translation) {
    sysdep.add(new Sysdep(original, translation));
    return this;
  }

  byte[] build() {
    boolean withSysdep = (revision & 0xFFFF) >= 1;
    int n = strings.size();
    int headerSize = withSysdep ? 48 : 28;
    int origTable = headerSize;
    int transTable = origTable + 8 * n;
    int hashTable = transTable + 8 * n;
    int data = hashTable + 4 * hashSize;
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    int[][] orig = new int[n][2];
    int[][] trans = new int[n][2];
    for (int i = 0; i < n; i++) {
      orig[i] = put(blob, data, strings.get(i).original());
      trans[i] = put(blob, data, strings.get(i).translation());
    }
    // segment names, then static parts, then descriptors
    int[][] seg = new int[segments.size()][2];
    for (int s = 0; s < segments.size(); s++) {
      byte[] name = segments.get(s).getBytes(StandardCharsets.US_ASCII);
      int off = data + blob.size();
      blob.writeBytes(name);
      blob.write(0);
      seg[s] = new int[] {name.length + 1, off};
    }
    int[] sysOrig = new int[sysdep.size()];
    int[] sysTrans = new int[sysdep.size()];
    List<byte[]> descriptors = new ArrayList<>();
    for (int k = 0; k < sysdep.size(); k++) {
      for (int side = 0; side < 2; side++) {
        List<Object> parts = side == 0 ? sysdep.get(k).original() : sysdep.get(k).translation();
        ByteArrayOutputStream statics = new ByteArrayOutputStream();
        List<int[]> pairs = new ArrayList<>();
        for (int p = 0; p < parts.size(); p += 2) {
          byte[] st = ((String) parts.get(p)).getBytes(StandardCharsets.UTF_8);
          statics.writeBytes(st);
          boolean last = p + 1 >= parts.size();
          if (last) {
            statics.write(0);
          }
          pairs.add(new int[] {st.length + (last ? 1 : 0), last ? -1 : (Integer) parts.get(p + 1)});
        }
        int staticOff = data + blob.size();
        blob.writeBytes(statics.toByteArray());
        ByteBuffer d = ByteBuffer.allocate(4 + 8 * pairs.size()).order(order);
        d.putInt(staticOff);
        for (int[] pr : pairs) {
          d.putInt(pr[0]).putInt(pr[1]);
        }
        descriptors.add(d.array());
      }
    }
    for (int k = 0; k < sysdep.size(); k++) {
      sysOrig[k] = data + blob.size();
      blob.writeBytes(descriptors.get(2 * k));
      sysTrans[k] = data + blob.size();
      blob.writeBytes(descriptors.get(2 * k + 1));
    }
    int segTable = data + blob.size();
    int sysOrigTable = segTable + 8 * segments.size();
    int sysTransTable = sysOrigTable + 4 * sysdep.size();
    int end = sysTransTable + 4 * sysdep.size();

    ByteBuffer b = ByteBuffer.allocate(end).order(order);
    b.putInt(MoFile.MAGIC).putInt(revision).putInt(n).putInt(origTable).putInt(transTable)
        .putInt(hashSize).putInt(hashTable);
    if (withSysdep) {
      b.putInt(segments.size()).putInt(segTable).putInt(sysdep.size()).putInt(sysOrigTable)
          .putInt(sysTransTable);
    }
    for (int[] o : orig) {
      b.putInt(o[0]).putInt(o[1]);
    }
    for (int[] t : trans) {
      b.putInt(t[0]).putInt(t[1]);
    }
    for (int s = 0; s < hashSize; s++) {
      b.putInt(s < n + sysdep.size() ? s + 1 : 0);
    }
    b.put(blob.toByteArray());
    for (int[] s : seg) {
      b.putInt(s[0]).putInt(s[1]);
    }
    for (int o : sysOrig) {
      b.putInt(o);
    }
    for (int t : sysTrans) {
      b.putInt(t);
    }
    return b.array();
  }

  /** Appends a NUL-terminated string; returns (length, offset). */
  private static int[] put(ByteArrayOutputStream blob, int base, byte[] s) {
    int off = base + blob.size();
    blob.writeBytes(s);
    blob.write(0);
    return new int[] {s.length, off};
  }
}
