package io.rustyrun.runtime.rootfs;

import static io.rustyrun.runtime.sys.MountFlag.BIND;
import static io.rustyrun.runtime.sys.MountFlag.MOVE;
import static io.rustyrun.runtime.sys.MountFlag.RDONLY;
import static io.rustyrun.runtime.sys.MountFlag.REC;
import static io.rustyrun.runtime.sys.MountFlag.REMOUNT;
import static io.rustyrun.runtime.sys.MountFlag.SLAVE;

import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.config.Propagation;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.Mount;
import io.rustyrun.runtime.sys.MountFlag;
import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * The steps of init on the rootfs as a whole, in the order runc takes them: make {@code /}
 * private, bind the rootfs onto itself, then (after {@link RootfsMounts} has mounted everything
 * inside it) pivot_root into it, or move it onto {@code /} and chroot for {@code --no-pivot}.
 *
 * <pre>{@code
 * RootfsSetup rootfs = new RootfsSetup(syscalls, config.rootfs());
 * rootfs.isolateFromHost(Propagation.RPRIVATE);
 * rootfs.bindRootfs();
 * int rootFd = rootfs.open();      // for InRootFiles; closed before the pivot
 * rootfs.pivot();
 * }</pre>
 *
 * <p>The rootfs path itself comes from the host (the bundle or the state directory), not from
 * the image, so these steps use it as a path; everything inside it goes through
 * {@link InRootFiles}.
 */
public final class RootfsSetup {
  private final Syscalls syscalls;
  private final Path rootfs;

  public RootfsSetup(Syscalls syscalls, Path rootfs) {
    this.syscalls = syscalls;
    this.rootfs = rootfs;
  }

  /**
   * Sets the propagation of every mount in this (new) namespace, so that nothing mounted for the
   * container shows up on the host.
   */
  public void isolateFromHost(Propagation propagation) {
    syscalls.mount(Mount.propagation(Path.of("/"), propagation.flags()));
  }

  /**
   * An overlay of the shared image rootfs at the container's rootfs, writes going to the
   * {@code upper} directory beside it (in the container's state, removed with it).
   */
  public void mountImageOverlay(Path image) {
    Path state = rootfs.getParent();
    String options = "lowerdir=" + image + ",upperdir=" + state.resolve("upper") + ",workdir=" + state.resolve("work");
    syscalls.mount(new Mount("overlay", rootfs, "overlay", EnumSet.noneOf(MountFlag.class), options));
  }

  /** pivot_root (and MS_MOVE) need the new root to be a mount point. */
  public void bindRootfs() {
    syscalls.mount(new Mount(rootfs.toString(), rootfs, "", EnumSet.of(BIND, REC), ""));
  }

  /** An O_PATH fd of the rootfs mount, once {@link #bindRootfs} made it: the root of every lookup. */
  public int open() {
    return syscalls.openPath(rootfs);
  }

  /**
   * pivot_root(".", ".") stacks the old root on the new one; unmounting "." then drops the host
   * tree without needing a directory for it (runc's trick, see pivot_root(2)).
   */
  public void pivot() {
    syscalls.chdir(rootfs);
    syscalls.pivotRoot(Path.of("."), Path.of("."));
    syscalls.umountDetached(Path.of("."));
    syscalls.chdir(Path.of("/"));
  }

  /**
   * {@code --no-pivot}, runc's {@code msMoveRoot}: moves the rootfs mount onto {@code /} and
   * chroots into it, for roots pivot_root refuses (an initramfs). The host's mounts stay in this
   * namespace under the chroot, so first every full procfs and sysfs mount of the host is
   * unmounted (or, where the kernel refuses, covered by a tmpfs): the kernel allows a new procfs
   * or sysfs only where a full, uncovered one is visible, and a container could otherwise mount
   * its own and reach the host's through it.
   */
  public void moveRoot() {
    for (Path mountPoint : MountInfo.read().fullProcAndSysfsOutside(rootfs)) {
      hideHostMount(mountPoint);
    }
    syscalls.chdir(rootfs);
    syscalls.mount(new Mount(rootfs.toString(), Path.of("/"), "", EnumSet.of(MOVE), ""));
    syscalls.chroot(Path.of("."));
    syscalls.chdir(Path.of("/"));
  }

  /** Slave first, so that the unmount never propagates to the host. */
  private void hideHostMount(Path mountPoint) {
    try {
      syscalls.mount(Mount.propagation(mountPoint, EnumSet.of(SLAVE, REC)));
    } catch (SyscallException e) {
      if (e.errno() == Errno.ENOENT) {
        return; // under a mount point already unmounted
      }
      throw e;
    }
    try {
      syscalls.umountDetached(mountPoint);
    } catch (SyscallException e) {
      if (e.errno() != Errno.EINVAL && e.errno() != Errno.EPERM) {
        throw e;
      }
      syscalls.mount(new Mount("tmpfs", mountPoint, "tmpfs", EnumSet.noneOf(MountFlag.class), ""));
    }
  }

  /** root.readonly: remount {@code /} read-only after the pivot. */
  public void remountRootReadonly() {
    syscalls.mount(new Mount("", Path.of("/"), "", EnumSet.of(BIND, REMOUNT, RDONLY), ""));
  }

  /** The host's {@code /proc/self/mountinfo}, as far as {@link #moveRoot} needs it. */
  record MountInfo(List<String> lines) {
    static MountInfo read() {
      try {
        return new MountInfo(Files.readAllLines(Path.of("/proc/self/mountinfo")));
      } catch (IOException e) {
        throw new ContainerSetupException("cannot read \"/proc/self/mountinfo\": " + e.getMessage(), e);
      }
    }

    /**
     * Mount points of procfs and sysfs instances mounted whole (root {@code /}) outside
     * {@code rootfs}, in mountinfo order (parents first).
     */
    List<Path> fullProcAndSysfsOutside(Path rootfs) {
      return lines.stream()
          .map(line -> line.split(" "))
          .filter(f -> f.length > 8 && f[3].equals("/"))
          .filter(f -> {
            String type = fsType(f);
            return type.equals("proc") || type.equals("sysfs");
          })
          .map(f -> Path.of(unescape(f[4])))
          .filter(p -> !p.startsWith(rootfs))
          .toList();
    }

    /** The field after the optional fields' {@code -} separator. */
    private static String fsType(String[] fields) {
      for (int i = 6; i < fields.length - 1; i++) {
        if (fields[i].equals("-")) {
          return fields[i + 1];
        }
      }
      return "";
    }

    /** proc(5) writes space, tab, newline and backslash in paths as {@code \ooo} octal escapes. */
    static String unescape(String field) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < field.length(); i++) {
        char c = field.charAt(i);
        if (c == '\\' && i + 3 < field.length()) {
          sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
          i += 3;
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
  }
}
