package io.rustyrun.runtime.config;

import io.rustyrun.runtime.sys.MountFlag;
import java.util.EnumSet;
import java.util.Set;

/** Mount propagation as the OCI spec names it ({@code rootfsPropagation}, mount options). */
public enum Propagation {
  PRIVATE(MountFlag.PRIVATE, false),
  RPRIVATE(MountFlag.PRIVATE, true),
  SHARED(MountFlag.SHARED, false),
  RSHARED(MountFlag.SHARED, true),
  SLAVE(MountFlag.SLAVE, false),
  RSLAVE(MountFlag.SLAVE, true),
  UNBINDABLE(MountFlag.UNBINDABLE, false),
  RUNBINDABLE(MountFlag.UNBINDABLE, true);

  private final MountFlag flag;
  private final boolean recursive;

  Propagation(MountFlag flag, boolean recursive) {
    this.flag = flag;
    this.recursive = recursive;
  }

  /** The mount(2) flags that set this propagation. */
  public Set<MountFlag> flags() {
    return recursive ? EnumSet.of(flag, MountFlag.REC) : EnumSet.of(flag);
  }
}
