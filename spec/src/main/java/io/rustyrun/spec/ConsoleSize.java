package io.rustyrun.spec;

/**
 * The size of the process's terminal, e.g. {@code consoleSize: {height: 24, width: 80}}.
 *
 * @param height rows
 * @param width columns
 */
public record ConsoleSize(int height, int width) {}
