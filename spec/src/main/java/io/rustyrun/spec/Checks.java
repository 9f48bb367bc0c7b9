package io.rustyrun.spec;

import io.rustyrun.spec.yaml.Problems;
import io.rustyrun.spec.yaml.SourceMap;
import io.rustyrun.spec.yaml.Suggestions;
import java.util.List;

/**
 * The shared vocabulary of the validation rules: report a problem at a field's location, e.g.
 * {@code checks.absolutePath("process.cwd", process.cwd())}.
 */
final class Checks {

  private final SourceMap sourceMap;
  private final Problems problems;

  Checks(SourceMap sourceMap, Problems problems) {
    this.sourceMap = sourceMap;
    this.problems = problems;
  }

  /** {@code join("linux", "namespaces")} is {@code linux.namespaces}; an empty prefix is the root. */
  static String join(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  static String quote(String value) {
    return "\"" + value + "\"";
  }

  void fail(String field, String message) {
    fail(field, message, null);
  }

  void fail(String field, String message, String hint) {
    problems.report(sourceMap.locate(field), field, message, hint);
  }

  /** True when the field was written in the file. */
  boolean written(String field) {
    return sourceMap.contains(field);
  }

  /** Reports a required field the file does not set. */
  void required(String field, String hint) {
    if (!written(field)) {
      fail(field, "is required", hint);
    }
  }

  /** Reports a non-empty value that is not an absolute path. */
  void absolutePath(String field, String value) {
    if (!value.isEmpty() && !value.startsWith("/")) {
      fail(field, "must be an absolute path, got " + quote(value));
    }
  }

  /** Reports each element of a list that is not an absolute path. */
  void absolutePaths(String field, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      absolutePath(field + "[" + i + "]", values.get(i));
    }
  }

  /** Reports a non-empty value outside {@code known}, suggesting the nearest known name. */
  void known(String field, String value, List<String> known, String what) {
    if (!value.isEmpty() && !known.contains(value)) {
      String hint = Suggestions.didYouMean(value, known);
      fail(field, "unknown " + what + " " + quote(value), hint != null ? hint : "use one of " + String.join(", ", known));
    }
  }

  /** Reports each element of a list outside {@code known}. */
  void allKnown(String field, List<String> values, List<String> known, String what) {
    for (int i = 0; i < values.size(); i++) {
      known(field + "[" + i + "]", values.get(i), known, what);
    }
  }

  /** Reports a set value outside {@code min .. max}. */
  void range(String field, Number value, long min, long max) {
    if (value != null && (value.longValue() < min || value.longValue() > max)) {
      fail(field, "must be between " + min + " and " + max + ", got " + value);
    }
  }
}
