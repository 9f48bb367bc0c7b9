package io.rustyrun.runtime;

import io.rustyrun.runtime.config.CapabilitySets;
import io.rustyrun.runtime.config.DefaultMounts;
import io.rustyrun.runtime.config.DeviceEntry;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.MountEntry;
import io.rustyrun.runtime.config.MountOptions;
import io.rustyrun.runtime.config.NamespaceEntry;
import io.rustyrun.runtime.config.ProcessConfig;
import io.rustyrun.runtime.config.Propagation;
import io.rustyrun.runtime.config.SeccompFilter;
import io.rustyrun.runtime.config.StageCommand;
import io.rustyrun.runtime.seccomp.Arch;
import io.rustyrun.runtime.seccomp.KnownSyscalls;
import io.rustyrun.runtime.seccomp.SeccompCompiler;
import io.rustyrun.runtime.seccomp.SeccompConfig;
import io.rustyrun.runtime.seccomp.SyscallTable;
import io.rustyrun.runtime.sys.Capability;
import io.rustyrun.runtime.sys.DeviceNode;
import io.rustyrun.runtime.sys.MountFlag;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.runtime.sys.Rlimit;
import io.rustyrun.spec.CapabilitiesSpec;
import io.rustyrun.spec.ContainerSpec;
import io.rustyrun.spec.DeviceSpec;
import io.rustyrun.spec.MountSpec;
import io.rustyrun.spec.NamespaceSpec;
import io.rustyrun.spec.ProcessSpec;
import io.rustyrun.spec.RlimitSpec;
import io.rustyrun.spec.UserSpec;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns a validated {@link ContainerSpec} into the {@link LaunchConfig} the stages run, and
 * checks on the host what can be checked before any process starts (rootfs, bind sources), so
 * that those errors leave nothing behind.
 *
 * <p>The only runtime class that sees the spec module: everything the stages load is below
 * this package and spec-free.
 *
 * <pre>{@code
 * LaunchConfig c = new SpecResolver(stages, 0).resolve(spec, "web-1", Mode.FOREGROUND);
 * }</pre>
 */
public final class SpecResolver {
  /** The System V IPC sysctls, which belong to the IPC namespace. */
  private static final Set<String> IPC_SYSCTLS = Set.of("kernel.msgmax", "kernel.msgmnb",
      "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni",
      "kernel.shm_rmid_forced");

  private final StageCommand stages;
  private final long traceOrigin;

  /**
   * @param stages how this installation starts its stage JVMs
   * @param traceOrigin the host's start on the monotonic clock when tracing, else 0
   */
  public SpecResolver(StageCommand stages, long traceOrigin) {
    this.stages = stages;
    this.traceOrigin = traceOrigin;
  }

  /**
   * Resolves a spec whose rootfs is {@code root.path}.
   *
   * @throws ContainerSetupException when the rootfs or a bind source is unusable
   */
  public LaunchConfig resolve(ContainerSpec spec, String id, LaunchConfig.Mode mode) {
    return resolve(spec, id, mode, spec.root().path(), null);
  }

  /**
   * Resolves a spec that runs from an unpacked {@code image}: the container sees an overlay of
   * {@code image} at {@code rootfs} (an empty directory next to its {@code upper} and
   * {@code work} directories), so its writes never reach the shared image.
   */
  public LaunchConfig resolveWithImage(ContainerSpec spec, String id, LaunchConfig.Mode mode, Path image, Path rootfs) {
    checkRootfs(image);
    return resolve(spec, id, mode, rootfs, image);
  }

  private LaunchConfig resolve(ContainerSpec spec, String id, LaunchConfig.Mode mode, Path rootfs, Path image) {
    checkRootfs(rootfs);
    List<NamespaceEntry> namespaces = namespaces(spec);
    if (namespaces.stream().noneMatch(n -> n.type() == Namespace.MOUNT)) {
      throw new ContainerSetupException(
          "the container needs a mount namespace for pivot_root, and " + spec.file().getFileName()
              + " has no \"mount\" entry in linux.namespaces");
    }
    return new LaunchConfig(
        id,
        mode,
        rootfs,
        image,
        spec.root().readonly(),
        false,
        spec.hostname(),
        spec.domainname(),
        namespaces,
        rootPropagation(spec.linux().rootfsPropagation()),
        DefaultMounts.complete(mounts(spec)),
        devices(spec),
        spec.linux().maskedPaths(),
        spec.linux().readonlyPaths(),
        sysctl(spec, namespaces),
        process(spec.process()),
        stages,
        traceOrigin,
        Map.of(),
        seccomp(spec));
  }

  private static void checkRootfs(Path rootfs) {
    if (!Files.exists(rootfs, LinkOption.NOFOLLOW_LINKS)) {
      throw new ContainerSetupException("rootfs \"" + rootfs + "\" does not exist");
    }
    if (!Files.isDirectory(rootfs)) {
      throw new ContainerSetupException("rootfs \"" + rootfs + "\" is not a directory");
    }
  }

  private static List<NamespaceEntry> namespaces(ContainerSpec spec) {
    List<NamespaceEntry> entries = new ArrayList<>();
    for (NamespaceSpec n : spec.linux().namespaces()) {
      Namespace type = Namespace.valueOf(n.type().name());
      entries.add(new NamespaceEntry(type, n.path() == null ? null : Path.of(n.path())));
    }
    return entries;
  }

  private static Propagation rootPropagation(String value) {
    return value.isEmpty() ? Propagation.RPRIVATE : Propagation.valueOf(value.toUpperCase(Locale.ROOT));
  }

  private static List<MountEntry> mounts(ContainerSpec spec) {
    List<MountEntry> mounts = new ArrayList<>();
    for (MountSpec m : spec.mounts()) {
      MountOptions options = MountOptions.parse(m.options());
      boolean bind = options.flags().contains(MountFlag.BIND) || m.type().equals("bind");
      EnumSet<MountFlag> flags = EnumSet.noneOf(MountFlag.class);
      flags.addAll(options.flags());
      String source = m.source();
      if (bind) {
        flags.add(MountFlag.BIND);
        source = bindSource(spec, m).toString();
      }
      mounts.add(new MountEntry(m.destination(), bind ? "bind" : m.type(), source, flags,
          options.propagation(), options.data()));
    }
    return mounts;
  }

  /** Bind sources are relative to the bundle (the spec's directory) and must exist. */
  private static Path bindSource(ContainerSpec spec, MountSpec m) {
    Path source = spec.bundleDir().resolve(m.source()).normalize();
    if (!Files.exists(source)) {
      throw new ContainerSetupException(
          "mount source \"" + m.source() + "\" for \"" + m.destination() + "\" does not exist (looked for \""
              + source + "\")");
    }
    return source;
  }

  private static ProcessConfig process(ProcessSpec p) {
    UserSpec user = p.user();
    return new ProcessConfig(
        p.args(),
        p.env(),
        p.cwd().isEmpty() ? "/" : p.cwd(),
        user.uid(),
        user.gid(),
        user.additionalGids(),
        user.umask() == null ? ProcessConfig.DEFAULT_UMASK : user.umask(),
        p.terminal(),
        capabilities(p.capabilities()),
        rlimits(p.rlimits()),
        p.noNewPrivileges(),
        p.oomScoreAdj() == null ? OptionalInt.empty() : OptionalInt.of(p.oomScoreAdj()),
        0);
  }

  /**
   * The five sets as the spec lists them. A spec without {@code process.capabilities} gets
   * none at all, not the caller's: the safe reading of an absent field.
   */
  private static CapabilitySets capabilities(CapabilitiesSpec c) {
    return new CapabilitySets(caps(c.bounding()), caps(c.effective()), caps(c.inheritable()),
        caps(c.permitted()), caps(c.ambient()));
  }

  private static Set<Capability> caps(List<String> names) {
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    for (String name : names) {
      caps.add(Capability.parse(name).orElseThrow(
          () -> new ContainerSetupException("unknown capability \"" + name + "\"")));
    }
    return caps;
  }

  private static List<Rlimit> rlimits(List<RlimitSpec> specs) {
    List<Rlimit> limits = new ArrayList<>();
    for (RlimitSpec r : specs) {
      Rlimit.Resource resource = Rlimit.Resource.parse(r.type()).orElseThrow(
          () -> new ContainerSetupException("unknown rlimit \"" + r.type() + "\""));
      limits.add(new Rlimit(resource, r.soft(), r.hard()));
    }
    return limits;
  }

  private static List<DeviceEntry> devices(ContainerSpec spec) {
    List<DeviceEntry> devices = new ArrayList<>();
    for (DeviceSpec d : spec.linux().devices()) {
      DeviceNode.Type type = switch (d.type()) {
        case "b" -> DeviceNode.Type.BLOCK;
        case "p" -> DeviceNode.Type.FIFO;
        default -> DeviceNode.Type.CHAR;
      };
      int mode = d.fileMode() == null ? 0666 : d.fileMode() & 07777;
      devices.add(new DeviceEntry(d.path(), new DeviceNode(type, (int) d.major(), (int) d.minor(), mode),
          d.uid() == null ? 0 : d.uid().intValue(), d.gid() == null ? 0 : d.gid().intValue()));
    }
    return devices;
  }

  /** The spec's seccomp profile compiled for this host, so a bad profile fails before any process starts. */
  private static SeccompFilter seccomp(ContainerSpec spec) {
    if (spec.linux().seccomp() == null) {
      return null;
    }
    SyscallTable table = SyscallTable.load(Arch.host());
    SeccompConfig config = new SeccompResolver(KnownSyscalls.load(), table).resolve(spec.linux().seccomp());
    return new SeccompFilter(new SeccompCompiler(table).compile(config).bytes(), config.flagBits());
  }

  /**
   * Only sysctls that live in a namespace the container owns may be set: anything else would
   * change the host (runc's validation, config-linux.md "Sysctl").
   */
  private static Map<String, String> sysctl(ContainerSpec spec, List<NamespaceEntry> namespaces) {
    for (String key : spec.linux().sysctl().keySet()) {
      Namespace needed = namespaceOf(key).orElseThrow(() -> new ContainerSetupException(
          "sysctl \"" + key + "\" is not namespaced: setting it would change the host"));
      if (namespaces.stream().noneMatch(n -> n.type() == needed)) {
        throw new ContainerSetupException("sysctl \"" + key + "\" needs the container's own " + needed.procName()
            + " namespace (add it to linux.namespaces)");
      }
    }
    return spec.linux().sysctl();
  }

  private static Optional<Namespace> namespaceOf(String key) {
    if (key.contains("..") || key.contains("/")) {
      return Optional.empty();
    }
    if (key.startsWith("net.")) {
      return Optional.of(Namespace.NETWORK);
    }
    if (key.startsWith("fs.mqueue.") || IPC_SYSCTLS.contains(key)) {
      return Optional.of(Namespace.IPC);
    }
    return Optional.empty();
  }
}
