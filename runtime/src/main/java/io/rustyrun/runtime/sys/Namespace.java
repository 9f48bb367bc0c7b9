package io.rustyrun.runtime.sys;

/**
 * Linux namespaces with their {@code CLONE_NEW*} flag and their {@code /proc/PID/ns} name.
 *
 * <pre>{@code
 * syscalls.unshare(EnumSet.of(Namespace.MOUNT, Namespace.PID));
 * Namespace.NETWORK.procName();   // "net"
 * }</pre>
 */
public enum Namespace {
  MOUNT(0x0002_0000, "mnt"),
  UTS(0x0400_0000, "uts"),
  IPC(0x0800_0000, "ipc"),
  NETWORK(0x4000_0000, "net"),
  PID(0x2000_0000, "pid"),
  CGROUP(0x0200_0000, "cgroup"),
  USER(0x1000_0000, "user"),
  TIME(0x0000_0080, "time");

  private final int cloneFlag;
  private final String procName;

  Namespace(int cloneFlag, String procName) {
    this.cloneFlag = cloneFlag;
    this.procName = procName;
  }

  /** The {@code CLONE_NEW*} bit for unshare(2) and setns(2). */
  public int cloneFlag() {
    return cloneFlag;
  }

  /** The name under {@code /proc/PID/ns/}. */
  public String procName() {
    return procName;
  }
}
