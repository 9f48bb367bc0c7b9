package io.rustyrun.spec;

import static io.rustyrun.spec.Checks.quote;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules of {@code linux}, e.g. a namespace listed twice or uid mappings without a user namespace. */
final class LinuxRules {

  private final Checks checks;
  private final ResourceRules resourceRules;
  private final SeccompRules seccompRules;

  LinuxRules(Checks checks, ResourceRules resourceRules) {
    this.checks = checks;
    this.resourceRules = resourceRules;
    this.seccompRules = new SeccompRules(checks);
  }

  void validate(LinuxSpec linux) {
    validateNamespaces(linux.namespaces());
    validateIdMappings(linux);
    validateDevices(linux.devices());
    checks.known("linux.rootfsPropagation", linux.rootfsPropagation(), KnownNames.ROOTFS_PROPAGATIONS, "propagation");
    checks.absolutePaths("linux.maskedPaths", linux.maskedPaths());
    checks.absolutePaths("linux.readonlyPaths", linux.readonlyPaths());
    validateTimeOffsets(linux);
    if (linux.personality() != null) {
      checks.required("linux.personality.domain", "use LINUX or LINUX32");
      checks.known("linux.personality.domain", linux.personality().domain(), KnownNames.PERSONALITY_DOMAINS, "personality domain");
    }
    if (linux.seccomp() != null) {
      seccompRules.validate(linux.seccomp(), "linux.seccomp");
    }
    resourceRules.validate(linux.resources(), "linux.resources");
  }

  /** OCI: "duplicate namespaces MUST error"; a joined namespace is named by an absolute path. */
  private void validateNamespaces(List<NamespaceSpec> namespaces) {
    Set<NamespaceType> seen = EnumSet.noneOf(NamespaceType.class);
    for (int i = 0; i < namespaces.size(); i++) {
      NamespaceSpec namespace = namespaces.get(i);
      String field = "linux.namespaces[" + i + "]";
      checks.required(field + ".type", "use one of " + String.join(", ", NamespaceType.ociNames()));
      if (namespace.type() != null && !seen.add(namespace.type())) {
        checks.fail(field + ".type", "duplicate namespace " + quote(namespace.type().ociName()), "list each namespace type once");
      }
      if (namespace.path() != null) {
        checks.absolutePath(field + ".path", namespace.path());
      }
    }
  }

  /** Mappings are written to /proc/PID/uid_map of a new user namespace; without one they mean nothing. */
  private void validateIdMappings(LinuxSpec linux) {
    boolean userNamespace = linux.hasNamespace(NamespaceType.USER);
    String hint = "add {type: user} to linux.namespaces, or remove the mappings";
    if (!linux.uidMappings().isEmpty() && !userNamespace) {
      checks.fail("linux.uidMappings", "uid mappings need a user namespace", hint);
    }
    if (!linux.gidMappings().isEmpty() && !userNamespace) {
      checks.fail("linux.gidMappings", "gid mappings need a user namespace", hint);
    }
    validateMappingSizes("linux.uidMappings", linux.uidMappings());
    validateMappingSizes("linux.gidMappings", linux.gidMappings());
  }

  private void validateMappingSizes(String field, List<IdMapping> mappings) {
    for (int i = 0; i < mappings.size(); i++) {
      if (mappings.get(i).size() <= 0) {
        checks.fail(field + "[" + i + "].size", "must be positive, got " + mappings.get(i).size());
      }
    }
  }

  private void validateDevices(List<DeviceSpec> devices) {
    for (int i = 0; i < devices.size(); i++) {
      DeviceSpec device = devices.get(i);
      String field = "linux.devices[" + i + "]";
      checks.required(field + ".path", "set the device path inside the container, e.g. path: /dev/fuse");
      checks.absolutePath(field + ".path", device.path());
      checks.required(field + ".type", "use c (character), b (block), u (unbuffered character) or p (fifo)");
      checks.known(field + ".type", device.type(), KnownNames.DEVICE_TYPES, "device type");
      checks.range(field + ".fileMode", device.fileMode(), 0, 07777);
    }
  }

  private void validateTimeOffsets(LinuxSpec linux) {
    for (Map.Entry<String, TimeOffsetSpec> offset : linux.timeOffsets().entrySet()) {
      checks.known("linux.timeOffsets[\"" + offset.getKey() + "\"]", offset.getKey(), KnownNames.TIME_OFFSET_CLOCKS, "clock");
    }
    if (!linux.timeOffsets().isEmpty() && !linux.hasNamespace(NamespaceType.TIME)) {
      checks.fail("linux.timeOffsets", "time offsets need a time namespace", "add {type: time} to linux.namespaces");
    }
  }
}
