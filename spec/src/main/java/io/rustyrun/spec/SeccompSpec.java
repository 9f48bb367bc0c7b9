package io.rustyrun.spec;

import java.util.List;

/**
 * A seccomp filter, e.g. {@code seccomp: {defaultAction: SCMP_ACT_ERRNO, defaultErrnoRet: 38,
 * syscalls: [{names: [read, write], action: SCMP_ACT_ALLOW}]}}.
 *
 * @param defaultAction the {@code SCMP_ACT_*} action for syscalls no rule matches
 * @param defaultErrnoRet the errno of a default {@code SCMP_ACT_ERRNO}, or {@code null} for EPERM
 * @param architectures {@code SCMP_ARCH_*} names the filter also covers
 * @param flags {@code SECCOMP_FILTER_FLAG_*} names
 * @param listenerPath the unix socket that receives the notify fd, empty for none
 * @param listenerMetadata opaque data sent to the listener
 * @param syscalls the rules, in order
 */
public record SeccompSpec(
    String defaultAction,
    Integer defaultErrnoRet,
    List<String> architectures,
    List<String> flags,
    String listenerPath,
    String listenerMetadata,
    List<SyscallRuleSpec> syscalls) {

  public SeccompSpec {
    defaultAction = Defaults.string(defaultAction);
    architectures = Defaults.list(architectures);
    flags = Defaults.list(flags);
    listenerPath = Defaults.string(listenerPath);
    listenerMetadata = Defaults.string(listenerMetadata);
    syscalls = Defaults.list(syscalls);
  }
}
