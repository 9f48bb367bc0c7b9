package io.rustyrun.runtime.cgroup;

import java.nio.file.Path;

/**
 * The pids controller, identical on v1 and v2: {@code pids.max} holds a number or {@code max}.
 *
 * <pre>{@code
 * Pids.apply(dir, 100L);   // pids.max = "100"
 * }</pre>
 */
final class Pids {
  private Pids() {}

  static void apply(Path dir, Long limit) {
    if (limit == null) {
      return;
    }
    String value = limit == -1 ? "max" : Long.toString(limit);
    new CgroupFile(dir, "pids.max").write(value, "set pids limit " + (limit == -1 ? "unlimited" : value));
  }
}
