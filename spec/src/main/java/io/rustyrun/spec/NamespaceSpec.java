package io.rustyrun.spec;

/**
 * A namespace to create, or to join when it has a path, e.g. {@code {type: network, path:
 * /run/netns/web}}.
 *
 * @param type the namespace type
 * @param path an existing namespace file to join ({@code /proc/PID/ns/net}), or {@code null} to
 *     create a new namespace
 */
public record NamespaceSpec(NamespaceType type, String path) {

  public NamespaceSpec {
    // OCI treats an empty path as "create": normalise it so that callers check one thing.
    path = path == null || path.isEmpty() ? null : path;
  }
}
