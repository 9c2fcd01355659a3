package org.attention4j.data.gettext;

import java.util.List;

/**
 * One message of a {@code .mo} catalog, exactly as stored (no unescaping: {@code .mo} strings
 * are raw, so a {@code \n} in the {@code .po} is a real line feed here).
 *
 * @param index the string's index in the catalog's tables, from 0 (static strings first,
 *     then the system-dependent ones of a revision-1 file)
 * @param context the {@code msgctxt}, or {@code null} when there is none (the file stores it
 *     as {@code msgctxt \u0004 msgid})
 * @param msgid the original (English) text
 * @param msgidPlural the {@code msgid_plural}, or {@code null} for a message without plural
 * @param msgstr the translations: one for a plain message, {@code msgstr[0]},
 *     {@code msgstr[1]}, ... for a plural one
 * @param systemDependent whether the strings came from the system-dependent table (they hold
 *     placeholders like {@code %<PRIuMAX>}, written the way {@code msgunfmt} writes them)
 */
public record MoEntry(int index, String context, String msgid, String msgidPlural,
    List<String> msgstr, boolean systemDependent) {

  public MoEntry {
    msgstr = List.copyOf(msgstr);
    if (msgstr.isEmpty()) {
      throw new IllegalArgumentException("MoEntry " + index + ": no translation");
    }
  }

  /** Whether this is the header entry: {@code msgid ""} without context. */
  public boolean isHeader() {
    return context == null && msgid.isEmpty();
  }

  /** Whether the message has plural forms. */
  public boolean isPlural() {
    return msgidPlural != null;
  }

  /** Whether every translation is empty (msgfmt normally leaves such entries out). */
  public boolean isUntranslated() {
    return msgstr.stream().allMatch(String::isEmpty);
  }
}
