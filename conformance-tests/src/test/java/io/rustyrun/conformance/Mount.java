package io.rustyrun.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the spec's {@code mounts} list (OCI runtime-spec, config.md "Mounts").
 *
 * <pre>{@code
 * Mount.tmpfs("/data", "size=1m", "mode=750")
 * Mount.bind(hostDir, "/data/host", "ro")       // type bind, options [rbind, ro]
 * }</pre>
 */
public record Mount(String destination, String type, String source, List<String> options) {

  /** A tmpfs at {@code destination} with the given options. */
  public static Mount tmpfs(String destination, String... options) {
    return new Mount(destination, "tmpfs", "tmpfs", List.of(options));
  }

  /** A recursive bind of the host path {@code source}, as runc users write it. */
  public static Mount bind(java.nio.file.Path source, String destination, String... options) {
    List<String> all = new java.util.ArrayList<>(List.of("rbind"));
    all.addAll(List.of(options));
    return new Mount(destination, "bind", source.toString(), List.copyOf(all));
  }

  Map<String, Object> toTree() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("destination", destination);
    tree.put("type", type);
    tree.put("source", source);
    if (!options.isEmpty()) {
      tree.put("options", options);
    }
    return tree;
  }
}
