package io.rustyrun.image.layer;

import java.util.HashSet;
import java.util.Set;

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
 *
 * <p>Hash sets, not a sorted set: every entry of a layer is added, and a sorted set compared
 * long common prefixes ({@code usr/share/...}) a dozen times per entry.
 */
final class UpperPaths {
  private final Set<String> paths = new HashSet<>();
  /** Every real path with something of this layer strictly below it ("" is the root). */
  private final Set<String> ancestors = new HashSet<>();

  void add(String realPath) {
    if (!paths.add(realPath)) {
      return;
    }
    // Upwards until an ancestor that is known already: its own ancestors are known too.
    for (String path = realPath; !path.isEmpty(); ) {
      int slash = path.lastIndexOf('/');
      path = slash < 0 ? "" : path.substring(0, slash);
      if (!ancestors.add(path)) {
        return;
      }
    }
  }

  boolean contains(String realPath) {
    return paths.contains(realPath);
  }

  /** Whether this layer created something strictly below {@code realPath}. */
  boolean hasDescendant(String realPath) {
    return ancestors.contains(realPath);
  }
}
