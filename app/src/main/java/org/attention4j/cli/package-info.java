/**
 * The {@code attn} command-line tool: picocli commands, their argument checks and usage text,
 * and nothing else.
 *
 * <p>{@link org.attention4j.cli.Main} is the entry point and registers every command in one place
 * ({@code AttnCommand}). Conventions shared by all commands: {@code --help} everywhere; exit code
 * 0 on success, 1 on failure, 2 on a usage error; errors are one line on stderr starting with
 * {@code attn: } (a stack trace follows only with {@code --debug} or {@code ATTN_DEBUG=1}); the
 * global {@code --threads N} option sizes the shared kernel pool for any command; and commands
 * whose output a script would want take {@code --json} and then print exactly one JSON line.
 * Commands that run longer than a few seconds show their progress on stderr with the one
 * {@link org.attention4j.cli.ProgressBar}.
 */
package org.attention4j.cli;
