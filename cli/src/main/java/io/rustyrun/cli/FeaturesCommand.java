package io.rustyrun.cli;

import io.rustyrun.runtime.config.HookPhase;
import io.rustyrun.runtime.sys.Capability;
import io.rustyrun.runtime.sys.Namespace;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rustyrun features}: what this runtime implements, as the runtime-spec's features
 * document (features.md) describes it. It lists only what the code does today.
 */
final class FeaturesCommand implements Callable<Integer> {
  /** The mount options {@code MountOptions} understands. */
  private static final List<String> MOUNT_OPTIONS = List.of("async", "atime", "bind", "defaults", "dev",
      "diratime", "dirsync", "exec", "mand", "noatime", "nodev", "nodiratime", "noexec", "nomand",
      "norelatime", "nostrictatime", "nosuid", "nosymfollow", "private", "rbind", "relatime", "remount",
      "ro", "rprivate", "rshared", "rslave", "runbindable", "rw", "shared", "slave", "strictatime", "suid",
      "symfollow", "sync", "unbindable");

  private CommandSpec command;

  CommandSpec spec() {
    command = CommandModel.command(this, "features",
            "Print the features this runtime implements (runtime-spec features JSON).", "rustyrun features")
        .spec();
    return command;
  }

  @Override
  public Integer call() {
    Map<String, Object> linux = new LinkedHashMap<>();
    linux.put("namespaces", Arrays.stream(Namespace.values()).filter(n -> n != Namespace.USER && n != Namespace.TIME)
        .map(FeaturesCommand::ociName).toList());
    linux.put("capabilities", Arrays.stream(Capability.values()).map(c -> "CAP_" + c.name()).toList());
    linux.put("cgroup", Map.of("v1", true, "v2", true, "systemd", false, "systemdUser", false));
    linux.put("seccomp", Map.of("enabled", true, "actions", List.of("SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS",
        "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG"),
        "operators", List.of("SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT",
        "SCMP_CMP_MASKED_EQ"), "archs", List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64")));
    linux.put("apparmor", Map.of("enabled", false));
    linux.put("selinux", Map.of("enabled", false));
    linux.put("intelRdt", Map.of("enabled", false));
    Map<String, Object> features = new LinkedHashMap<>();
    features.put("ociVersionMin", "1.0.0");
    features.put("ociVersionMax", VersionProvider.OCI_SPEC_VERSION);
    features.put("hooks", Arrays.stream(HookPhase.values()).map(HookPhase::specName).toList());
    features.put("mountOptions", MOUNT_OPTIONS);
    features.put("linux", linux);
    features.put("annotations", Map.of("io.rustyrun.version", versionLine()));
    PrintWriter out = command.commandLine().getOut();
    out.println(StateJson.render(features, true));
    out.flush();
    return ExitCodes.OK;
  }

  private static String ociName(Namespace n) {
    return switch (n) {
      case MOUNT -> "mount";
      case NETWORK -> "network";
      default -> n.name().toLowerCase(Locale.ROOT);
    };
  }

  private static String versionLine() {
    try {
      return new VersionProvider().getVersion()[0];
    } catch (java.io.IOException e) {
      return "rustyrun";
    }
  }
}
