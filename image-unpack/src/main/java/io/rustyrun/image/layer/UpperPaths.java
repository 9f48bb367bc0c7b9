package io.rustyrun.image.layer;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The real paths the current layer created (umoci's {@code upperPaths}): a whiteout applies
 * only to lower layers, so what the same layer made survives whiteouts that come after it
 * (OCI image-spec, "Whiteouts"; SECURITY.md 1.4).
 *
 * <pre>{@code
 * upper.add("opq/new");
 * upper.contains("opq/new");            // true
 * upper.hasDescendant("opq");           // true: opq holds something of this layer
 * }</pre>
 */
final class UpperPaths {
  private final NavigableSet<String> paths = new TreeSet<>();

  void add(String realPath) {
    paths.add(realPath);
  }

  boolean contains(String realPath) {
    return paths.contains(realPath);
  }

  /** Whether this layer created something strictly below {@code realPath}. */
  boolean hasDescendant(String realPath) {
    String prefix = realPath.isEmpty() ? "" : realPath + "/";
    String next = paths.ceiling(prefix);
    return next != null && next.startsWith(prefix) && !next.equals(realPath);
  }
}
