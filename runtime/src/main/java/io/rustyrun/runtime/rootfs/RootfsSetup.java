package io.rustyrun.runtime.rootfs;

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
import io.rustyrun.runtime.sys.Mount;
import io.rustyrun.runtime.sys.MountFlag;
import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mount-namespace steps of init, in the order runc takes them: make {@code /} private, bind
 * the rootfs onto itself, mount everything, create {@code /dev}'s devices and links, mask
 * paths, then pivot_root into it.
 *
 * <pre>{@code
 * RootfsSetup rootfs = new RootfsSetup(syscalls, config.rootfs());
 * rootfs.isolateFromHost(Propagation.RPRIVATE);
 * rootfs.mountAll(config.mounts());
 * rootfs.pivot();
 * }</pre>
 *
 * <p>Every container path is resolved with {@link InRootPath}, never by string concatenation,
 * so a symlink in the image cannot redirect a mount or a mknod to the host.
 */
public final class RootfsSetup {
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

  private static final long DEV_NULL = (1L << 8) | 3L;

  private final Syscalls syscalls;
  private final Path rootfs;

  private record DefaultDevice(String name, int major, int minor) {}

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

  /** pivot_root needs the new root to be a mount point. */
  public void bindRootfs() {
    syscalls.mount(new Mount(rootfs.toString(), rootfs, "", EnumSet.of(BIND, REC), ""));
  }

  /**
   * Mounts every entry in order, creating its target inside the rootfs.
   *
   * @param cgroups the container's own cgroup directories, which a {@code cgroup} mount shows
   */
  public void mountAll(List<MountEntry> mounts, Map<String, Path> cgroups) {
    for (MountEntry m : mounts) {
      Path target = InRootPath.resolve(rootfs, m.destination());
      createTarget(m, target);
      if (m.isBind()) {
        bind(m, target);
      } else if (m.type().equals("cgroup") || m.type().equals("cgroup2")) {
        mountCgroups(m, target, cgroups);
      } else {
        syscalls.mount(new Mount(m.source(), target, m.type(), m.flags(), m.data()));
      }
      for (Propagation p : m.propagation()) {
        syscalls.mount(Mount.propagation(target, p.flags()));
      }
    }
  }

  /** A bind ignores most flags; they take effect with a second, remounting call. */
  private void bind(MountEntry m, Path target) {
    Set<MountFlag> bindFlags = EnumSet.of(BIND);
    if (m.flags().contains(REC)) {
      bindFlags.add(REC);
    }
    syscalls.mount(new Mount(m.source(), target, "", bindFlags, ""));
    Set<MountFlag> extra = EnumSet.copyOf(m.flags());
    extra.removeAll(EnumSet.of(BIND, REC));
    if (!extra.isEmpty()) {
      extra.addAll(EnumSet.of(BIND, REMOUNT));
      syscalls.mount(new Mount("", target, "", extra, ""));
    }
  }

  /**
   * A {@code cgroup} mount repeats the host's layout, each hierarchy showing the container's own
   * cgroup as its root (as runc does): on a pure v2 host one cgroup2 bind; on v1 and hybrid
   * hosts (this machine kind) a tmpfs with one read-only bind per hierarchy of the container's
   * directory there. Hierarchies the container has no directory in are left out rather than
   * shown whole. (Mounting "cgroup" with no options would ask for every v1 controller in one
   * hierarchy, which the kernel refuses with EBUSY when they are mounted apart.)
   */
  private void mountCgroups(MountEntry m, Path target, Map<String, Path> cgroups) {
    CgroupHierarchies host = hostCgroups();
    if (host.unified()) {
      ownCgroup(cgroups, "/sys/fs/cgroup").ifPresent(dir -> bindReadonly(dir, target, m.flags()));
      return;
    }
    Set<MountFlag> tmpfsFlags = EnumSet.copyOf(m.flags().isEmpty() ? EnumSet.of(NOSUID) : m.flags());
    tmpfsFlags.remove(RDONLY);
    syscalls.mount(new Mount("tmpfs", target, "tmpfs", tmpfsFlags, "mode=755"));
    for (CgroupHierarchies.Hierarchy h : host.hierarchies()) {
      Optional<Path> own = ownCgroup(cgroups, "/sys/fs/cgroup/" + h.name());
      if (own.isEmpty()) {
        continue;
      }
      Path dir = target.resolve(h.name());
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new ContainerSetupException("cannot create \"" + m.destination() + "/" + h.name() + "\": " + e.getMessage(), e);
      }
      bindReadonly(own.get(), dir, m.flags());
    }
    if (m.flags().contains(RDONLY)) {
      Set<MountFlag> remount = EnumSet.copyOf(tmpfsFlags);
      remount.addAll(EnumSet.of(REMOUNT, RDONLY));
      syscalls.mount(new Mount("tmpfs", target, "tmpfs", remount, "mode=755"));
    }
  }

  /** The container's cgroup directory inside the hierarchy mounted at {@code mountPoint}. */
  private static Optional<Path> ownCgroup(Map<String, Path> cgroups, String mountPoint) {
    return cgroups.values().stream()
        .filter(dir -> dir.equals(Path.of(mountPoint)) || dir.startsWith(Path.of(mountPoint)))
        .findFirst();
  }

  /** A bind of {@code source}, remounted with the mount's flags (read-only for a cgroup mount). */
  private void bindReadonly(Path source, Path target, Set<MountFlag> flags) {
    syscalls.mount(new Mount(source.toString(), target, "", EnumSet.of(BIND), ""));
    Set<MountFlag> remount = EnumSet.of(BIND, REMOUNT);
    remount.addAll(flags);
    remount.remove(REC);
    syscalls.mount(new Mount("", target, "", remount, ""));
  }

  private static CgroupHierarchies hostCgroups() {
    try {
      return CgroupHierarchies.parse(Files.readAllLines(Path.of("/proc/self/mountinfo")));
    } catch (IOException e) {
      throw new ContainerSetupException("cannot read \"/proc/self/mountinfo\": " + e.getMessage(), e);
    }
  }

  private void createTarget(MountEntry m, Path target) {
    try {
      if (m.isBind() && !Files.isDirectory(Path.of(m.source()))) {
        Files.createDirectories(target.getParent());
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.createFile(target);
        }
      } else {
        Files.createDirectories(target);
      }
    } catch (IOException e) {
      throw new ContainerSetupException(
          "cannot create mount point \"" + m.destination() + "\" in the rootfs: " + e.getMessage(), e);
    }
  }

  /** The default device nodes and links in a {@code /dev} that rustyrun mounted as tmpfs. */
  public void populateDev() {
    Path dev = InRootPath.resolve(rootfs, "/dev");
    for (DefaultDevice d : DEVICES) {
      syscalls.mknod(dev.resolve(d.name()), new DeviceNode(DeviceNode.Type.CHAR, d.major(), d.minor(), 0666));
    }
    for (String[] link : DEV_LINKS) {
      Path path = dev.resolve(link[0]);
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        syscalls.symlink(link[1], path);
      }
    }
  }

  /**
   * The spec's {@code linux.devices}: each node made (replacing what the image had there) and
   * given its owner, as runc does.
   */
  public void createDevices(List<DeviceEntry> devices) {
    for (DeviceEntry d : devices) {
      Path target = InRootPath.resolve(rootfs, d.path());
      try {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        syscalls.mknod(target, d.node());
        Files.setAttribute(target, "unix:uid", d.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(target, "unix:gid", d.gid(), LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        throw new ContainerSetupException("cannot create device \"" + d.path() + "\": " + e.getMessage(), e);
      }
    }
  }

  /** A new pty master from the container's own devpts instance ({@code /dev/pts/ptmx}). */
  public int openConsoleMaster() {
    return syscalls.openPtyMaster(InRootPath.resolve(rootfs, "/dev/pts/ptmx"));
  }

  /**
   * {@code /dev/console} is the container's terminal: a bind of the pty slave, by its fd
   * ({@code /proc/self/fd/N}), not by a path in the container's devpts.
   */
  public void bindConsole(int slave) {
    Path console = InRootPath.resolve(rootfs, "/dev/console");
    try {
      if (!Files.exists(console, LinkOption.NOFOLLOW_LINKS)) {
        Files.createFile(console);
      }
    } catch (IOException e) {
      throw new ContainerSetupException("cannot create \"/dev/console\" in the rootfs: " + e.getMessage(), e);
    }
    syscalls.mount(new Mount("/proc/self/fd/" + slave, console, "", EnumSet.of(BIND), ""));
  }

  /**
   * Masks each path: a read-only tmpfs over a directory, a bind of the container's
   * {@code /dev/null} over anything else, after checking it really is the 1:3 device
   * (CVE-2025-31133). Paths that do not exist are skipped, as in runc.
   */
  public void maskPaths(List<String> paths) {
    Path devNull = InRootPath.resolve(rootfs, "/dev/null");
    for (String p : paths) {
      Path target = InRootPath.resolve(rootfs, p);
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        syscalls.mount(new Mount("tmpfs", target, "tmpfs", EnumSet.of(RDONLY), "size=0,nr_inodes=1"));
      } else {
        verifyDevNull(devNull);
        syscalls.mount(new Mount(devNull.toString(), target, "", EnumSet.of(BIND), ""));
      }
    }
  }

  private static void verifyDevNull(Path devNull) {
    try {
      Object rdev = Files.getAttribute(devNull, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
      Object mode = Files.getAttribute(devNull, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      boolean isChar = (((Integer) mode) & 0170000) == 0020000;
      if (!isChar || ((Long) rdev) != DEV_NULL) {
        throw new ContainerSetupException("\"/dev/null\" in the container is not the null device (char 1:3)");
      }
    } catch (IOException e) {
      throw new ContainerSetupException("cannot check \"/dev/null\" in the container: " + e.getMessage(), e);
    }
  }

  /** Binds each existing path onto itself and remounts it read-only. */
  public void readonlyPaths(List<String> paths) {
    for (String p : paths) {
      Path target = InRootPath.resolve(rootfs, p);
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      syscalls.mount(new Mount(target.toString(), target, "", EnumSet.of(BIND, REC), ""));
      syscalls.mount(new Mount("", target, "", EnumSet.of(BIND, REMOUNT, RDONLY, REC), ""));
    }
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

  /** root.readonly: remount {@code /} read-only after the pivot. */
  public void remountRootReadonly() {
    syscalls.mount(new Mount("", Path.of("/"), "", EnumSet.of(BIND, REMOUNT, RDONLY), ""));
  }
}
