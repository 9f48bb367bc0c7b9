package io.rustyrun.runtime.config;

import io.rustyrun.runtime.sys.MountFlag;
import java.util.List;
import java.util.Set;

/**
 * One mount of the container, options already parsed.
 *
 * <pre>{@code
 * // - {destination: /dev/shm, type: tmpfs, source: shm, options: [nosuid, noexec, nodev, mode=1777]}
 * new MountEntry("/dev/shm", "tmpfs", "shm", EnumSet.of(NOSUID, NOEXEC, NODEV), List.of(), "mode=1777")
 * }</pre>
 *
 * @param destination absolute path inside the container
 * @param type filesystem type; {@code "bind"} or empty for binds
 * @param source {@code "proc"}, {@code "tmpfs"}, or an absolute host path for binds
 * @param flags {@code MS_*} flags (BIND for binds, REC for rbind)
 * @param propagation propagation changes applied after the mount
 * @param data filesystem options passed to mount(2)
 */
public record MountEntry(
    String destination,
    String type,
    String source,
    Set<MountFlag> flags,
    List<Propagation> propagation,
    String data) {

  public MountEntry {
    flags = MountFlag.ordered(flags);
    propagation = List.copyOf(propagation);
  }

  /** Whether this mount binds an existing path rather than making a new filesystem. */
  public boolean isBind() {
    return flags.contains(MountFlag.BIND);
  }
}
