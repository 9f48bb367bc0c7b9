package io.rustyrun.runtime.cgroup;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A container's cgroup path ({@code linux.cgroupsPath}), checked so that it stays inside the
 * hierarchy it is placed in.
 *
 * <pre>{@code
 * CgroupPath.of("/libpod_parent/libpod-abc", "abc")   // absolute: below each hierarchy's root
 * CgroupPath.of("test/web-1", "web-1")                // relative: below this process's own cgroup
 * CgroupPath.of("", "web-1")                          // default: /rustyrun/web-1
 * }</pre>
 *
 * @param absolute whether it starts at the hierarchy root rather than at the caller's cgroup
 * @param components its names, none empty, {@code .} or {@code ..}
 */
public record CgroupPath(boolean absolute, List<String> components) {

  public CgroupPath {
    components = List.copyOf(components);
  }

  /**
   * @param cgroupsPath the spec's value, empty for the default {@code /rustyrun/<id>}
   * @param id the container id, used by the default path
   * @throws CgroupException when the path is {@code /} or has a {@code ..} or {@code .} component
   */
  public static CgroupPath of(String cgroupsPath, String id) {
    String path = cgroupsPath.isEmpty() ? "/rustyrun/" + id : cgroupsPath;
    List<String> components = Arrays.stream(path.split("/")).filter(name -> !name.isEmpty()).toList();
    // ".." would climb out of the hierarchy (or the caller's cgroup) into someone else's limits.
    if (components.contains("..") || components.contains(".")) {
      throw new CgroupException("cgroup path \"" + path + "\" must not contain \".\" or \"..\"");
    }
    if (components.isEmpty()) {
      throw new CgroupException("cgroup path \"" + path + "\" names the root cgroup, which cannot hold limits");
    }
    return new CgroupPath(path.startsWith("/"), components);
  }

  /** {@code base} followed by every component. */
  public Path under(Path base) {
    Path result = base;
    for (String name : components) {
      result = result.resolve(name);
    }
    return result;
  }

  @Override
  public String toString() {
    return (absolute ? "/" : "") + String.join("/", components);
  }
}
