package io.rustyrun.spec;

import java.util.List;

/** The rules of {@code linux.seccomp}: every action, operator, architecture and flag is a libseccomp name. */
final class SeccompRules {

  private final Checks checks;

  SeccompRules(Checks checks) {
    this.checks = checks;
  }

  void validate(SeccompSpec seccomp, String field) {
    checks.required(field + ".defaultAction", "e.g. defaultAction: SCMP_ACT_ERRNO");
    checks.known(field + ".defaultAction", seccomp.defaultAction(), KnownNames.SECCOMP_ACTIONS, "seccomp action");
    checks.allKnown(field + ".architectures", seccomp.architectures(), KnownNames.SECCOMP_ARCHITECTURES, "seccomp architecture");
    checks.allKnown(field + ".flags", seccomp.flags(), KnownNames.SECCOMP_FLAGS, "seccomp flag");
    nonNegative(field + ".defaultErrnoRet", seccomp.defaultErrnoRet());
    for (int i = 0; i < seccomp.syscalls().size(); i++) {
      validateRule(seccomp.syscalls().get(i), field + ".syscalls[" + i + "]");
    }
  }

  private void validateRule(SyscallRuleSpec rule, String field) {
    if (rule.names().isEmpty()) {
      checks.fail(field + ".names", "must not be empty", "list the syscalls this rule matches, e.g. names: [mount]");
    }
    checks.required(field + ".action", "e.g. action: SCMP_ACT_ALLOW");
    checks.known(field + ".action", rule.action(), KnownNames.SECCOMP_ACTIONS, "seccomp action");
    nonNegative(field + ".errnoRet", rule.errnoRet());
    List<SeccompArgSpec> args = rule.args();
    for (int i = 0; i < args.size(); i++) {
      String arg = field + ".args[" + i + "]";
      // A syscall has at most six arguments (seccomp_data.args[6]).
      checks.range(arg + ".index", args.get(i).index(), 0, 5);
      checks.required(arg + ".op", "e.g. op: SCMP_CMP_EQ");
      checks.known(arg + ".op", args.get(i).op(), KnownNames.SECCOMP_OPERATORS, "seccomp operator");
    }
  }

  private void nonNegative(String field, Integer value) {
    if (value != null && value < 0) {
      checks.fail(field, "must not be negative, got " + value);
    }
  }
}
