package io.rustyrun.runtime.sys;

/**
 * A new pseudo-terminal pair, both ends open and close-on-exec.
 *
 * @param master the controlling side, kept by the host
 * @param slave the terminal the container's process gets as stdin, stdout and stderr
 * @param slaveName e.g. {@code /dev/pts/3}
 */
public record Pty(int master, int slave, String slaveName) {}
