/**
 * A reader for CrossWire SWORD Bible modules in the zText format, as Debian installs
 * them under {@code /usr/share/sword} (packages {@code sword-text-kjv},
 * {@code sword-text-sparv}, ...).
 *
 * <p>Public surface: {@link org.attention4j.data.sword.SwordModule} (open a module by
 * name, get a verse's OSIS markup), {@link org.attention4j.data.sword.SwordConf} (the
 * module's {@code .conf}), {@link org.attention4j.data.sword.Versification} (the KJV
 * book/chapter/verse table), {@link org.attention4j.data.sword.VerseRef},
 * {@link org.attention4j.data.sword.OsisText} (OSIS markup to plain text, Strong's
 * numbers) and {@link org.attention4j.data.sword.SwordFormatException}.
 *
 * <h2>The zText format (facts from public documentation and the files themselves)</h2>
 * Each testament ({@code ot}, {@code nt}) is three files in the module's
 * {@code DataPath}:
 * <ul>
 *   <li>{@code .bzs}, the block index: per block 12 bytes, three little-endian u32 —
 *       offset of the block in {@code .bzz}, compressed size, uncompressed size;</li>
 *   <li>{@code .bzv}, the verse index: per entry 10 bytes — u32 block number, u32 offset
 *       of the entry inside the uncompressed block, u16 size in bytes;</li>
 *   <li>{@code .bzz}, the blocks, each a zlib stream ({@code CompressType=ZIP}). The
 *       Debian modules pad every block with 1024 zero bytes after the end of the zlib
 *       stream; the reader ignores bytes after the stream's end.</li>
 * </ul>
 * The verse index follows the versification: entry 0 is empty, entry 1 is the
 * testament heading, then per book one book-heading entry, then per chapter one
 * chapter-heading entry followed by one entry per verse. An entry of size 0 is an
 * empty verse.
 *
 * <p>Only what the project needs is supported: {@code ModDrv=zText},
 * {@code CompressType=ZIP}, {@code SourceType=OSIS}, {@code Versification=KJV},
 * {@code Encoding=UTF-8} (or Latin-1); anything else is rejected with a message that
 * names the {@code .conf} file and the field. Every structural problem in the data
 * files is a {@link org.attention4j.data.sword.SwordFormatException} naming the file,
 * the entry or block and the broken rule.
 */
package org.attention4j.data.sword;
