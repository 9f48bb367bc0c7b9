package io.rustyrun.spec;

import java.util.List;
import java.util.Map;

/**
 * The Linux-specific part of a spec, e.g. {@code linux: {namespaces: [{type: pid}, {type:
 * mount}], maskedPaths: [/proc/kcore]}}.
 *
 * @param namespaces namespaces to create, or to join when an entry has a path; no duplicates
 * @param uidMappings user namespace uid mappings
 * @param gidMappings user namespace gid mappings
 * @param devices device nodes to create
 * @param cgroupsPath the cgroup path, empty for a runtime-chosen one
 * @param resources cgroup limits; every part empty when absent
 * @param sysctl kernel parameters to set
 * @param seccomp the seccomp filter, or {@code null} for none
 * @param rootfsPropagation the propagation of the rootfs mount, empty for the default
 * @param maskedPaths absolute paths to hide
 * @param readonlyPaths absolute paths to make read-only
 * @param mountLabel the SELinux mount label, empty for none
 * @param timeOffsets time namespace offsets by clock ({@code monotonic}, {@code boottime})
 * @param netDevices host network devices to move into the container, by host name
 * @param intelRdt Intel RDT settings, or {@code null} when unset
 * @param personality the {@code personality(2)} domain, or {@code null} when unset
 */
public record LinuxSpec(
    List<NamespaceSpec> namespaces,
    List<IdMapping> uidMappings,
    List<IdMapping> gidMappings,
    List<DeviceSpec> devices,
    String cgroupsPath,
    ResourcesSpec resources,
    Map<String, String> sysctl,
    SeccompSpec seccomp,
    String rootfsPropagation,
    List<String> maskedPaths,
    List<String> readonlyPaths,
    String mountLabel,
    Map<String, TimeOffsetSpec> timeOffsets,
    Map<String, NetDeviceSpec> netDevices,
    IntelRdtSpec intelRdt,
    PersonalitySpec personality) {

  /** The Linux part of a spec without a {@code linux} field: no namespaces, no limits. */
  public static final LinuxSpec NONE =
      new LinuxSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  public LinuxSpec {
    namespaces = Defaults.list(namespaces);
    uidMappings = Defaults.list(uidMappings);
    gidMappings = Defaults.list(gidMappings);
    devices = Defaults.list(devices);
    cgroupsPath = Defaults.string(cgroupsPath);
    resources = Defaults.orElse(resources, ResourcesSpec.NONE);
    sysctl = Defaults.map(sysctl);
    rootfsPropagation = Defaults.string(rootfsPropagation);
    maskedPaths = Defaults.list(maskedPaths);
    readonlyPaths = Defaults.list(readonlyPaths);
    mountLabel = Defaults.string(mountLabel);
    timeOffsets = Defaults.map(timeOffsets);
    netDevices = Defaults.map(netDevices);
  }

  /** True when the spec lists a namespace of this type (to create or to join). */
  public boolean hasNamespace(NamespaceType type) {
    return namespaces.stream().anyMatch(namespace -> namespace.type() == type);
  }
}
