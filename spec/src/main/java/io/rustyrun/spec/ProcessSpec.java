package io.rustyrun.spec;

import java.util.List;

/**
 * The container's process, e.g. {@code process: {args: [sh], cwd: /, env: [PATH=/bin]}}.
 *
 * <p>Also the whole content of an {@code exec --process} file (see {@link
 * SpecLoader#loadProcess}).
 *
 * @param terminal whether the process gets a pseudo-terminal
 * @param consoleSize the terminal size, or {@code null} when unset
 * @param user who the process runs as; uid 0, gid 0 when absent
 * @param args the command and its arguments, never empty after validation
 * @param env {@code NAME=value} entries
 * @param cwd the absolute working directory inside the container
 * @param capabilities the capability sets; all empty when absent
 * @param rlimits resource limits, at most one per type
 * @param noNewPrivileges whether to set {@code PR_SET_NO_NEW_PRIVS}
 * @param apparmorProfile the AppArmor profile, empty for none
 * @param oomScoreAdj {@code /proc/self/oom_score_adj}, or {@code null} to leave it alone
 * @param scheduler the {@code sched_setattr(2)} attributes, or {@code null} when unset
 * @param selinuxLabel the SELinux process label, empty for none
 * @param ioPriority the {@code ioprio_set(2)} class and level, or {@code null} when unset
 * @param execCPUAffinity the CPU affinity around exec, or {@code null} when unset
 * @param commandLine the Windows command line; accepted so that foreign specs parse, unused
 */
public record ProcessSpec(
    boolean terminal,
    ConsoleSize consoleSize,
    UserSpec user,
    List<String> args,
    List<String> env,
    String cwd,
    CapabilitiesSpec capabilities,
    List<RlimitSpec> rlimits,
    boolean noNewPrivileges,
    String apparmorProfile,
    Integer oomScoreAdj,
    SchedulerSpec scheduler,
    String selinuxLabel,
    IoPrioritySpec ioPriority,
    CpuAffinitySpec execCPUAffinity,
    String commandLine) {

  public ProcessSpec {
    user = Defaults.orElse(user, UserSpec.ROOT);
    args = Defaults.list(args);
    env = Defaults.list(env);
    cwd = Defaults.string(cwd);
    capabilities = Defaults.orElse(capabilities, CapabilitiesSpec.NONE);
    rlimits = Defaults.list(rlimits);
    apparmorProfile = Defaults.string(apparmorProfile);
    selinuxLabel = Defaults.string(selinuxLabel);
    commandLine = Defaults.string(commandLine);
  }
}
