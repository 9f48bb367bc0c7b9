package io.rustyrun.runtime.seccomp;

import java.util.List;

/**
 * An action for some syscalls when all conditions hold, e.g.
 *
 * <pre>{@code
 * new SyscallRule(List.of("mkdir", "mkdirat"), SeccompAction.errno(1), List.of());
 * }</pre>
 *
 * @param names the syscall names; names an architecture does not have are skipped there
 * @param action what happens when the rule matches
 * @param conditions argument conditions that must all hold; none matches every call
 */
public record SyscallRule(List<String> names, SeccompAction action, List<ArgCondition> conditions) {

  public SyscallRule {
    names = List.copyOf(names);
    conditions = List.copyOf(conditions);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a syscall rule needs at least one name");
    }
    if (action == null) {
      throw new IllegalArgumentException("action is required");
    }
  }
}
