package io.rustyrun.spec;

import java.util.List;

/**
 * A seccomp rule, e.g. {@code {names: [personality], action: SCMP_ACT_ALLOW, args: [{index: 0,
 * value: 0, op: SCMP_CMP_EQ}]}}.
 *
 * @param names the syscall names the rule matches
 * @param action the {@code SCMP_ACT_*} action
 * @param errnoRet the errno of an {@code SCMP_ACT_ERRNO} action, or {@code null} for EPERM
 * @param args argument conditions, all of which must hold
 */
public record SyscallRuleSpec(List<String> names, String action, Integer errnoRet, List<SeccompArgSpec> args) {

  public SyscallRuleSpec {
    names = Defaults.list(names);
    action = Defaults.string(action);
    args = Defaults.list(args);
  }
}
