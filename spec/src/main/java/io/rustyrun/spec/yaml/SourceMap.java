package io.rustyrun.spec.yaml;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of a bound spec was written, keyed by field path, e.g. {@code
 * sourceMap.locate("linux.namespaces[2].type")} is {@code 31:15}.
 *
 * <p>Validation rules run on records, which carry no positions; they ask this map. A field that
 * is absent (a missing required field) is located at its nearest written ancestor.
 */
public final class SourceMap {

  private final Map<String, Location> locations = new HashMap<>();

  void put(String field, Location location) {
    locations.put(field, location);
  }

  /** True when the field was written in the file (even as {@code null}). */
  public boolean contains(String field) {
    return locations.containsKey(field);
  }

  /** The location of the field, or of its nearest written ancestor, or the start of the file. */
  public Location locate(String field) {
    for (String path = field; !path.isEmpty(); path = parentOf(path)) {
      Location location = locations.get(path);
      if (location != null) {
        return location;
      }
    }
    return locations.getOrDefault("", Location.START);
  }

  /** {@code a.b[3]} -> {@code a.b}, {@code a.b} -> {@code a}, {@code a} -> {@code ""}. */
  private static String parentOf(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }
}
