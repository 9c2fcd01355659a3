package org.attention4j.cli;

/** Entry point of the {@code attn} command-line tool. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("attention4j");
  }
}
