package io.rustyrun.runtime.sys;

import java.nio.file.Path;
import java.util.Set;

/**
 * One mount(2) call.
 *
 * <pre>{@code
 * new Mount("proc", Path.of("/rootfs/proc"), "proc", EnumSet.of(NOSUID, NODEV, NOEXEC), "")
 * }</pre>
 *
 * @param source the source ({@code "proc"}, {@code "tmpfs"} or a path for binds)
 * @param target where to mount
 * @param fstype the filesystem type, empty for binds and propagation changes
 * @param flags {@code MS_*} flags
 * @param data filesystem-specific options ({@code "mode=755,size=65536k"}), may be empty
 */
public record Mount(String source, Path target, String fstype, Set<MountFlag> flags, String data) {
  public Mount {
    flags = MountFlag.ordered(flags);
  }

  /** A change of propagation, e.g. {@code mount --make-rprivate /}. */
  public static Mount propagation(Path target, Set<MountFlag> flags) {
    return new Mount("", target, "", flags, "");
  }

  /** runc's mountError style: {@code src="proc", dst="/proc", type="proc", flags=MS_NOSUID}. */
  String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("src=\"").append(source).append("\", dst=\"").append(target).append('"');
    if (!fstype.isEmpty()) {
      sb.append(", type=\"").append(fstype).append('"');
    }
    sb.append(", flags=").append(MountFlag.render(flags));
    if (!data.isEmpty()) {
      sb.append(", data=\"").append(data).append('"');
    }
    return sb.toString();
  }
}
