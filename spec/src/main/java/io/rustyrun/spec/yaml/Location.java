package io.rustyrun.spec.yaml;

/**
 * A 1-based position in a spec file, e.g. {@code new Location(12, 5)} for line 12, column 5.
 *
 * @param line the line, starting at 1
 * @param column the column, starting at 1
 */
public record Location(int line, int column) {

  /** The start of the file, for problems that belong to no particular node (an empty file). */
  public static final Location START = new Location(1, 1);
}
