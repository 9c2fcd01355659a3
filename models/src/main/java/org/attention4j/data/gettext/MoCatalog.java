package org.attention4j.data.gettext;

import java.nio.ByteOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed GNU {@code .mo} catalog ({@link MoFile#read}).
 *
 * @param name the file name used in messages
 * @param byteOrder the byte order of the file's integers
 * @param revision the format revision, {@code major << 16 | minor}
 * @param entries all messages, the header entry included, in table order
 * @param header the header entry's {@code Key: value} fields in order (empty when the
 *     catalog has no header)
 * @param charset the charset the strings were decoded with: {@code UTF-8} or {@code US-ASCII}
 * @param nplurals the {@code nplurals} of the header's {@code Plural-Forms}, or 0 when absent
 */
public record MoCatalog(String name, ByteOrder byteOrder, int revision, List<MoEntry> entries,
    Map<String, String> header, String charset, int nplurals) {

  public MoCatalog {
    entries = List.copyOf(entries);
    header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
  }

  /** A header field ({@code Language}, {@code Project-Id-Version}, ...), if present. */
  public Optional<String> headerField(String key) {
    return Optional.ofNullable(header.get(key));
  }

  /** The number of system-dependent strings (revision-1 files; 0 otherwise). */
  public int systemDependentCount() {
    return (int) entries.stream().filter(MoEntry::systemDependent).count();
  }
}
