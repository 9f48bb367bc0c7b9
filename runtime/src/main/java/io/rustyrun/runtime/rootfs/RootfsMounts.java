package io.rustyrun.runtime.rootfs;

import static io.rustyrun.runtime.rootfs.InRootFiles.magicLink;
import static io.rustyrun.runtime.sys.MountFlag.BIND;
import static io.rustyrun.runtime.sys.MountFlag.NOSUID;
import static io.rustyrun.runtime.sys.MountFlag.RDONLY;
import static io.rustyrun.runtime.sys.MountFlag.REC;
import static io.rustyrun.runtime.sys.MountFlag.REMOUNT;

import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.config.DeviceEntry;
import io.rustyrun.runtime.config.MountEntry;
import io.rustyrun.runtime.config.Propagation;
import io.rustyrun.runtime.sys.DeviceNode;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.FileStatus;
import io.rustyrun.runtime.sys.Mount;
import io.rustyrun.runtime.sys.MountFlag;
import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything init mounts and creates inside the rootfs before pivot_root: the spec's mounts,
 * {@code /dev}'s devices and links, the console, masked and read-only paths. Each target is an
 * fd from {@link InRootFiles}, checked for its type, and mounted on as {@code /proc/self/fd/N}.
 *
 * <pre>{@code
 * RootfsMounts mounts = new RootfsMounts(syscalls, new InRootFiles(syscalls, rootFd));
 * mounts.mountAll(config.mounts(), config.cgroups());
 * mounts.maskPaths(List.of("/proc/kcore", "/proc/acpi"));
 * }</pre>
 *
 * <p>When a step fails init reports it and exits, which closes the fds still open.
 */
public final class RootfsMounts {
  /** runtime-spec "Default Devices", all 0666 as runc creates them. */
  private static final List<DefaultDevice> DEVICES = List.of(
      new DefaultDevice("null", 1, 3), new DefaultDevice("zero", 1, 5),
      new DefaultDevice("full", 1, 7), new DefaultDevice("random", 1, 8),
      new DefaultDevice("urandom", 1, 9), new DefaultDevice("tty", 5, 0));

  /** runtime-spec "Dev symbolic links". */
  private static final List<String[]> DEV_LINKS = List.of(
      new String[] {"fd", "/proc/self/fd"}, new String[] {"stdin", "/proc/self/fd/0"},
      new String[] {"stdout", "/proc/self/fd/1"}, new String[] {"stderr", "/proc/self/fd/2"},
      new String[] {"ptmx", "pts/ptmx"});

  private final Syscalls syscalls;
  private final InRootFiles root;

  private record DefaultDevice(String name, int major, int minor) {}

  public RootfsMounts(Syscalls syscalls, InRootFiles root) {
    this.syscalls = syscalls;
    this.root = root;
  }

  /**
   * Mounts every entry in order, creating its target inside the rootfs.
   *
   * @param cgroups the container's own cgroup directories, which a {@code cgroup} mount shows
   */
  public void mountAll(List<MountEntry> mounts, Map<String, Path> cgroups) {
    for (MountEntry m : mounts) {
      int covered = createTarget(m);
      int target = covered;
      if (m.isBind()) {
        target = bind(m, target);
      } else if (m.type().equals("cgroup") || m.type().equals("cgroup2")) {
        target = mountCgroups(m, target, cgroups);
      } else {
        mountOn(m.destination(), new Mount(m.source(), magicLink(target), m.type(), m.flags(), m.data()));
      }
      if (!m.propagation().isEmpty()) {
        if (target == covered) {
          // Still the directory under the new mount; a remount above already reopened it.
          target = root.reopenMounted(target, m.destination());
        }
        for (Propagation p : m.propagation()) {
          mountOn(m.destination(), Mount.propagation(magicLink(target), p.flags()));
        }
      }
      syscalls.close(target);
    }
  }

  /**
   * A directory, or for a bind of a non-directory an empty file, as runc's
   * {@code createIfNotExists}. The bind source is a host path from the spec, checked as such.
   */
  private int createTarget(MountEntry m) {
    if (m.isBind() && !Files.isDirectory(Path.of(m.source()))) {
      return root.file(m.destination());
    }
    return root.directory(m.destination());
  }

  /** A bind ignores most flags; they take effect with a second, remounting call on the new mount. */
  private int bind(MountEntry m, int target) {
    Set<MountFlag> bindFlags = EnumSet.of(BIND);
    if (m.flags().contains(REC)) {
      bindFlags.add(REC);
    }
    mountOn(m.destination(), new Mount(m.source(), magicLink(target), "", bindFlags, ""));
    Set<MountFlag> extra = EnumSet.copyOf(m.flags());
    extra.removeAll(EnumSet.of(BIND, REC));
    if (extra.isEmpty()) {
      return target;
    }
    int mounted = root.reopenMounted(target, m.destination());
    extra.addAll(EnumSet.of(BIND, REMOUNT));
    mountOn(m.destination(), new Mount("", magicLink(mounted), "", extra, ""));
    return mounted;
  }

  /**
   * A {@code cgroup} mount repeats the host's layout, each hierarchy showing the container's own
   * cgroup as its root (as runc does): on a pure v2 host one cgroup2 bind; on v1 and hybrid
   * hosts (this machine kind) a tmpfs with one read-only bind per hierarchy of the container's
   * directory there. Hierarchies the container has no directory in are left out rather than
   * shown whole. (Mounting "cgroup" with no options would ask for every v1 controller in one
   * hierarchy, which the kernel refuses with EBUSY when they are mounted apart.)
   */
  private int mountCgroups(MountEntry m, int target, Map<String, Path> cgroups) {
    String destination = m.destination();
    CgroupHierarchies host = hostCgroups();
    if (host.unified()) {
      Optional<Path> own = ownCgroup(cgroups, "/sys/fs/cgroup");
      return own.isEmpty() ? target : bindReadonly(own.get(), target, destination, m.flags());
    }
    Set<MountFlag> tmpfsFlags = EnumSet.copyOf(m.flags().isEmpty() ? EnumSet.of(NOSUID) : m.flags());
    tmpfsFlags.remove(RDONLY);
    mountOn(destination, new Mount("tmpfs", magicLink(target), "tmpfs", tmpfsFlags, "mode=755"));
    for (CgroupHierarchies.Hierarchy h : host.hierarchies()) {
      Optional<Path> own = ownCgroup(cgroups, "/sys/fs/cgroup/" + h.name());
      if (own.isPresent()) {
        String path = destination + "/" + h.name();
        syscalls.close(bindReadonly(own.get(), root.directory(path), path, m.flags()));
      }
    }
    if (!m.flags().contains(RDONLY)) {
      return target;
    }
    int tmpfs = root.reopenMounted(target, destination);
    Set<MountFlag> remount = EnumSet.copyOf(tmpfsFlags);
    remount.addAll(EnumSet.of(REMOUNT, RDONLY));
    mountOn(destination, new Mount("tmpfs", magicLink(tmpfs), "tmpfs", remount, "mode=755"));
    return tmpfs;
  }

  /** The container's cgroup directory inside the hierarchy mounted at {@code mountPoint}. */
  private static Optional<Path> ownCgroup(Map<String, Path> cgroups, String mountPoint) {
    return cgroups.values().stream()
        .filter(dir -> dir.equals(Path.of(mountPoint)) || dir.startsWith(Path.of(mountPoint)))
        .findFirst();
  }

  /** A bind of the host directory {@code source}, remounted with the mount's flags (read-only). */
  private int bindReadonly(Path source, int target, String path, Set<MountFlag> flags) {
    mountOn(path, new Mount(source.toString(), magicLink(target), "", EnumSet.of(BIND), ""));
    int mounted = root.reopenMounted(target, path);
    Set<MountFlag> remount = EnumSet.of(BIND, REMOUNT);
    remount.addAll(flags);
    remount.remove(REC);
    mountOn(path, new Mount("", magicLink(mounted), "", remount, ""));
    return mounted;
  }

  private static CgroupHierarchies hostCgroups() {
    try {
      return CgroupHierarchies.parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
    } catch (IOException e) {
      throw new ContainerSetupException("cannot read \"/proc/self/mountinfo\": " + e.getMessage(), e);
    }
  }

  /**
   * The default device nodes and links in a {@code /dev} that rustyrun mounted as tmpfs, made
   * in the fd of that {@code /dev}: an image whose {@code /dev} is a symlink out of the rootfs
   * gets them inside it (CVE-2026-41579).
   */
  public void populateDev() {
    int dev = root.directory("/dev");
    for (DefaultDevice d : DEVICES) {
      syscalls.mknodat(dev, d.name(), new DeviceNode(DeviceNode.Type.CHAR, d.major(), d.minor(), 0666));
    }
    for (String[] link : DEV_LINKS) {
      try {
        syscalls.symlinkat(link[1], dev, link[0]);
      } catch (SyscallException e) {
        if (e.errno() != Errno.EEXIST) {
          throw e;
        }
      }
    }
    syscalls.close(dev);
  }

  /**
   * The spec's {@code linux.devices}: each node made (replacing what the image had there) and
   * given its owner, as runc does, all relative to the fd of its parent directory.
   */
  public void createDevices(List<DeviceEntry> devices) {
    for (DeviceEntry d : devices) {
      InRootFiles.Entry entry = root.parent(d.path());
      try {
        syscalls.unlinkat(entry.dirFd(), entry.name());
      } catch (SyscallException e) {
        if (e.errno() != Errno.ENOENT) {
          throw e;
        }
      }
      syscalls.mknodat(entry.dirFd(), entry.name(), d.node());
      syscalls.fchownat(entry.dirFd(), entry.name(), d.uid(), d.gid());
      syscalls.close(entry.dirFd());
    }
  }

  /**
   * A new pty master from the container's own devpts instance: its {@code ptmx}, opened in the
   * rootfs, checked to be a character device, and reopened through its fd.
   */
  public int openConsoleMaster() {
    int ptmx = root.open("/dev/pts/ptmx", FileStatus.Kind.CHAR_DEVICE);
    int master = syscalls.openPtyMaster(magicLink(ptmx));
    syscalls.close(ptmx);
    return master;
  }

  /**
   * {@code /dev/console} is the container's terminal: a bind of the pty slave, by its fd
   * ({@code /proc/self/fd/N}), not by a path in the container's devpts (CVE-2025-52565).
   */
  public void bindConsole(int slave) {
    int console = root.file("/dev/console");
    mountOn("/dev/console", new Mount(magicLink(slave).toString(), magicLink(console), "", EnumSet.of(BIND), ""));
    syscalls.close(console);
  }

  /**
   * Masks each path: a read-only tmpfs over a directory, over anything else a bind of the
   * container's {@code /dev/null}, opened once, checked by its fd to be the 1:3 character device
   * and mounted by that fd, so that a {@code /dev/null} swapped for a symlink to a procfs file
   * cannot turn the mask into a writable bind of that file (CVE-2025-31133). Paths that do not
   * exist are skipped, as in runc.
   */
  public void maskPaths(List<String> paths) {
    int devNull = -1;
    for (String p : paths) {
      Optional<Integer> found = root.openIfExists(p);
      if (found.isEmpty()) {
        continue;
      }
      int target = found.get();
      if (syscalls.fstat(target).kind() == FileStatus.Kind.DIRECTORY) {
        mountOn(p, new Mount("tmpfs", magicLink(target), "tmpfs", EnumSet.of(RDONLY), "size=0,nr_inodes=1"));
      } else {
        if (devNull < 0) {
          devNull = openDevNull();
        }
        mountOn(p, new Mount(magicLink(devNull).toString(), magicLink(target), "", EnumSet.of(BIND), ""));
      }
      syscalls.close(target);
    }
    if (devNull >= 0) {
      syscalls.close(devNull);
    }
  }

  private int openDevNull() {
    int fd = root.open("/dev/null");
    FileStatus status = syscalls.fstat(fd);
    if (status.kind() != FileStatus.Kind.CHAR_DEVICE || status.rdevMajor() != 1 || status.rdevMinor() != 3) {
      syscalls.close(fd);
      throw new ContainerSetupException("\"/dev/null\" in the container is not the null device (char 1:3), refusing"
          + " to mask files with it");
    }
    return fd;
  }

  /** Binds each existing path onto itself and remounts the new mount read-only. */
  public void readonlyPaths(List<String> paths) {
    for (String p : paths) {
      Optional<Integer> found = root.openIfExists(p);
      if (found.isEmpty()) {
        continue;
      }
      int target = found.get();
      mountOn(p, new Mount(magicLink(target).toString(), magicLink(target), "", EnumSet.of(BIND, REC), ""));
      int mounted = root.reopenMounted(target, p);
      mountOn(p, new Mount("", magicLink(mounted), "", EnumSet.of(BIND, REMOUNT, RDONLY, REC), ""));
      syscalls.close(mounted);
    }
  }

  /** mount(2) onto {@code /proc/self/fd/N}; a refusal also names the path in the container. */
  private void mountOn(String path, Mount mount) {
    try {
      syscalls.mount(mount);
    } catch (SyscallException e) {
      throw new ContainerSetupException("cannot mount on \"" + path + "\" in the rootfs: " + e.getMessage(), e);
    }
  }
}
