package io.rustyrun.spec.yaml;

/**
 * One thing wrong in a spec, before it is tied to a file, e.g. {@code new Problem(new
 * Location(12, 5), "process.args", "must not be empty", null)}.
 *
 * @param location where it is written
 * @param field the dotted path, e.g. {@code linux.namespaces[2].type}; empty for syntax errors
 * @param message lower-case, no final period, user values in double quotes
 * @param hint how to fix it, or {@code null}
 */
public record Problem(Location location, String field, String message, String hint) {}
