package io.rustyrun.runtime.config;

import io.rustyrun.runtime.sys.Namespace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A {@link LaunchConfig} for tests: a realistic foreground container ("web-1", new mount, PID,
 * UTS and network namespaces, the default mounts, {@code sh -c true} as uid 1000), changed one
 * field at a time.
 *
 * <pre>{@code
 * LaunchConfig c = LaunchConfigFixture.web(rootfs).hostname("").build();
 * }</pre>
 */
public final class LaunchConfigFixture {
  public static final StageCommand STAGES = new StageCommand(Path.of("/usr/lib/jvm/jdk-25/bin/java"),
      List.of("-XX:-UsePerfData", "-XX:+UseSerialGC"), "/opt/rustyrun/lib/rustyrun.jar", "io.rustyrun.cli.Main");

  private String id = "web-1";
  private LaunchConfig.Mode mode = LaunchConfig.Mode.FOREGROUND;
  private final Path rootfs;
  private boolean readonlyRoot;
  private boolean noPivot;
  private String hostname = "web-1";
  private String domainname = "";
  private List<NamespaceEntry> namespaces = new ArrayList<>(List.of(
      new NamespaceEntry(Namespace.MOUNT, null), new NamespaceEntry(Namespace.PID, null),
      new NamespaceEntry(Namespace.UTS, null), new NamespaceEntry(Namespace.NETWORK, null)));
  private Propagation rootPropagation = Propagation.RPRIVATE;
  private List<MountEntry> mounts = DefaultMounts.complete(List.of());
  private List<String> maskedPaths = List.of("/proc/acpi");
  private List<String> readonlyPaths = List.of();
  private List<String> args = List.of("sh", "-c", "true");
  private List<String> env = List.of("PATH=/bin");
  private String cwd = "/srv";
  private boolean terminal;
  private Map<String, Path> cgroups = Map.of();
  private SeccompFilter seccomp;

  private LaunchConfigFixture(Path rootfs) {
    this.rootfs = rootfs;
  }

  public static LaunchConfigFixture web(Path rootfs) {
    return new LaunchConfigFixture(rootfs);
  }

  public LaunchConfigFixture mode(LaunchConfig.Mode value) { mode = value; return this; }
  public LaunchConfigFixture readonlyRoot(boolean value) { readonlyRoot = value; return this; }
  public LaunchConfigFixture noPivot(boolean value) { noPivot = value; return this; }
  public LaunchConfigFixture hostname(String value) { hostname = value; return this; }
  public LaunchConfigFixture domainname(String value) { domainname = value; return this; }
  public LaunchConfigFixture namespaces(NamespaceEntry... value) { namespaces = List.of(value); return this; }
  public LaunchConfigFixture rootPropagation(Propagation value) { rootPropagation = value; return this; }
  public LaunchConfigFixture mounts(List<MountEntry> value) { mounts = value; return this; }
  public LaunchConfigFixture maskedPaths(String... value) { maskedPaths = List.of(value); return this; }
  public LaunchConfigFixture readonlyPaths(String... value) { readonlyPaths = List.of(value); return this; }
  public LaunchConfigFixture args(String... value) { args = List.of(value); return this; }
  public LaunchConfigFixture env(String... value) { env = List.of(value); return this; }
  public LaunchConfigFixture cwd(String value) { cwd = value; return this; }
  public LaunchConfigFixture terminal(boolean value) { terminal = value; return this; }
  public LaunchConfigFixture cgroups(Map<String, Path> value) { cgroups = value; return this; }
  public LaunchConfigFixture seccomp(SeccompFilter value) { seccomp = value; return this; }
  public LaunchConfigFixture id(String value) { id = value; return this; }

  /** No capabilities at all, as for a spec without {@code process.capabilities}. */
  public static final CapabilitySets NO_CAPABILITIES = new CapabilitySets(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

  /** uid and gid 1000 in group 10, umask 022, no capabilities, rlimits or OOM score. */
  public static ProcessConfig process(List<String> args, List<String> env, String cwd, boolean terminal) {
    return new ProcessConfig(args, env, cwd, 1000, 1000, List.of(10), 022, terminal, NO_CAPABILITIES,
        List.of(), false, OptionalInt.empty(), 0);
  }

  public LaunchConfig build() {
    return new LaunchConfig(id, mode, rootfs, null, readonlyRoot, noPivot, hostname, domainname, namespaces,
        rootPropagation, mounts, List.of(), maskedPaths, readonlyPaths, Map.of(),
        process(args, env, cwd, terminal), STAGES, 0L, cgroups, seccomp);
  }
}
