package io.rustyrun.runtime.config;

import io.rustyrun.runtime.sys.Namespace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything the child and init stages need, resolved by the host from the spec: paths are
 * absolute, mount options are flags, defaults are filled in. The stages get it in a compact
 * binary form ({@link LaunchConfigCodec}) so that they never load Jackson or the spec module.
 *
 * <pre>{@code
 * LaunchConfig config = new SpecResolver(fs).resolve(spec, "web-1", Mode.FOREGROUND);
 * LaunchConfigCodec.write(config, out);
 * }</pre>
 *
 * @param id the container id
 * @param mode foreground {@code run} or detached OCI {@code create}
 * @param rootfs the container's root directory on the host
 * @param image the shared, unpacked image rootfs when the container runs from an {@code image}:
 *     init then mounts an overlay at {@code rootfs} with it as the lower layer and
 *     {@code rootfs}'s sibling {@code upper}/{@code work} directories for writes; {@code null}
 *     for a plain {@code root.path}
 * @param readonlyRoot whether {@code /} is remounted read-only
 * @param noPivot {@code create --no-pivot}: init moves the rootfs onto {@code /} and chroots
 *     into it instead of pivot_root (runc's {@code msMoveRoot})
 * @param hostname empty to leave the UTS namespace's name alone
 * @param domainname empty to leave it alone
 * @param namespaces namespaces to create (no path) or join (path)
 * @param rootPropagation the propagation of {@code /} inside ({@code rprivate} by default)
 * @param mounts every mount, defaults included, in the order to apply them
 * @param devices the spec's device nodes ({@code linux.devices})
 * @param maskedPaths paths hidden from the container
 * @param readonlyPaths paths made read-only
 * @param sysctl kernel parameters to set, all namespaced ones ({@code net.ipv4.ip_forward})
 * @param process the program and its identity
 * @param stages how to start the stage JVMs (the child starts init with it)
 * @param traceOrigin {@code System.nanoTime()} at the host's start when tracing, else 0
 * @param cgroups the container's cgroup directory by hierarchy; the child stage (and the
 *     join stage of exec) moves itself there before anything of the container starts
 * @param seccomp the compiled seccomp filter, installed last before execve, or {@code null}
 */
public record LaunchConfig(
    String id,
    Mode mode,
    Path rootfs,
    Path image,
    boolean readonlyRoot,
    boolean noPivot,
    String hostname,
    String domainname,
    List<NamespaceEntry> namespaces,
    Propagation rootPropagation,
    List<MountEntry> mounts,
    List<DeviceEntry> devices,
    List<String> maskedPaths,
    List<String> readonlyPaths,
    Map<String, String> sysctl,
    ProcessConfig process,
    StageCommand stages,
    long traceOrigin,
    Map<String, Path> cgroups,
    SeccompFilter seccomp) {

  public LaunchConfig {
    namespaces = List.copyOf(namespaces);
    mounts = List.copyOf(mounts);
    devices = List.copyOf(devices);
    maskedPaths = List.copyOf(maskedPaths);
    readonlyPaths = List.copyOf(readonlyPaths);
    sysctl = Map.copyOf(sysctl);
    cgroups = Map.copyOf(cgroups);
  }

  /** This config with the container's cgroup directories. */
  public LaunchConfig withCgroups(Map<String, Path> directories) {
    return new LaunchConfig(id, mode, rootfs, image, readonlyRoot, noPivot, hostname, domainname, namespaces,
        rootPropagation, mounts, devices, maskedPaths, readonlyPaths, sysctl, process, stages, traceOrigin, directories,
        seccomp);
  }

  /** This config with a process that inherits {@code count} fds from 3 up ({@code --preserve-fds}). */
  public LaunchConfig withPreservedFds(int count) {
    return new LaunchConfig(id, mode, rootfs, image, readonlyRoot, noPivot, hostname, domainname, namespaces,
        rootPropagation, mounts, devices, maskedPaths, readonlyPaths, sysctl, process.withPreservedFds(count), stages,
        traceOrigin, cgroups, seccomp);
  }

  /** This config with {@code --no-pivot} set or not. */
  public LaunchConfig withNoPivot(boolean moveInsteadOfPivot) {
    return new LaunchConfig(id, mode, rootfs, image, readonlyRoot, moveInsteadOfPivot, hostname, domainname,
        namespaces, rootPropagation, mounts, devices, maskedPaths, readonlyPaths, sysctl, process, stages, traceOrigin,
        cgroups, seccomp);
  }

  /** How the container's lifetime is tied to rustyrun. */
  public enum Mode {
    /** {@code run}: the container dies with the host process. */
    FOREGROUND,
    /** {@code create}: init outlives rustyrun and waits for {@code start}. */
    DETACHED
  }

  /** Whether the spec asks for a new namespace of this type (as opposed to joining one). */
  public boolean createsNamespace(Namespace type) {
    return namespaces.stream().anyMatch(n -> n.type() == type && n.path() == null);
  }
}
