package org.attention4j.data.sword;

/** The two halves of a SWORD Bible module; each has its own set of zText files. */
public enum Testament {
  /** Old Testament: files {@code ot.bzs}, {@code ot.bzv}, {@code ot.bzz}. */
  OT("ot"),
  /** New Testament: files {@code nt.bzs}, {@code nt.bzv}, {@code nt.bzz}. */
  NT("nt");

  private final String filePrefix;

  Testament(String filePrefix) {
    this.filePrefix = filePrefix;
  }

  /** The file name prefix, {@code "ot"} or {@code "nt"}. */
  public String filePrefix() {
    return filePrefix;
  }
}
