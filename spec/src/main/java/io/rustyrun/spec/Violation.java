package io.rustyrun.spec;

import java.nio.file.Path;

/**
 * One thing wrong in a spec file, e.g. {@code new Violation(file, 12, 5, "process.args", "must
 * not be empty", "set it to the command to run, e.g. args: [sh]")}, which renders as
 *
 * <pre>
 * container.yaml:12:5: process.args: must not be empty
 *   hint: set it to the command to run, e.g. args: [sh]
 * </pre>
 *
 * @param file the spec file as given to the loader
 * @param line 1-based line
 * @param column 1-based column
 * @param field the field path, e.g. {@code linux.namespaces[2].type}; empty for a syntax error
 * @param message what is wrong: lower-case, no final period, user values in double quotes
 * @param hint how to fix it, or {@code null}
 */
public record Violation(Path file, int line, int column, String field, String message, String hint) {

  /** {@code FILE:LINE:COLUMN: field: message}, plus a {@code   hint: ...} line when there is a hint. */
  public String render() {
    String where = file + ":" + line + ":" + column + ": ";
    String what = field.isEmpty() ? message : field + ": " + message;
    return hint == null ? where + what : where + what + System.lineSeparator() + "  hint: " + hint;
  }
}
