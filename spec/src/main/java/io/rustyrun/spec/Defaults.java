package io.rustyrun.spec;

import java.util.List;
import java.util.Map;

/** Normalises absent spec values in record constructors: absent lists are empty, never null. */
final class Defaults {

  private Defaults() {}

  static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }

  static <V> Map<String, V> map(Map<String, V> values) {
    // Keep the file's order: sysctls and annotations read best as written.
    return values == null
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
  }

  static String string(String value) {
    return value == null ? "" : value;
  }

  static <T> T orElse(T value, T absent) {
    return value == null ? absent : value;
  }
}
