package io.rustyrun.spec;

import static io.rustyrun.spec.Checks.join;
import static io.rustyrun.spec.Checks.quote;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The rules of {@code process}, e.g. a relative {@code cwd} or an {@code env} entry without "=". */
final class ProcessRules {

  private final Checks checks;

  ProcessRules(Checks checks) {
    this.checks = checks;
  }

  /** @param prefix the field path of the process: {@code process}, or empty for a process file */
  void validate(ProcessSpec process, String prefix) {
    validateArgs(process, prefix);
    validateCwd(process, prefix);
    validateEnv(process.env(), join(prefix, "env"));
    validateUser(process.user(), join(prefix, "user"));
    validateCapabilities(process.capabilities(), join(prefix, "capabilities"));
    validateRlimits(process.rlimits(), join(prefix, "rlimits"));
    checks.range(join(prefix, "oomScoreAdj"), process.oomScoreAdj(), -1000, 1000);
    if (process.scheduler() != null) {
      validateScheduler(process.scheduler(), join(prefix, "scheduler"));
    }
    if (process.ioPriority() != null) {
      String field = join(prefix, "ioPriority");
      checks.required(field + ".class", "use one of " + String.join(", ", KnownNames.IO_PRIORITY_CLASSES));
      checks.known(field + ".class", process.ioPriority().ioClass(), KnownNames.IO_PRIORITY_CLASSES, "i/o priority class");
      checks.range(field + ".priority", process.ioPriority().priority(), 0, 7);
    }
  }

  private void validateArgs(ProcessSpec process, String prefix) {
    if (process.args().isEmpty()) {
      checks.fail(join(prefix, "args"), "must not be empty", "set the command to run, e.g. args: [sh]");
    }
  }

  private void validateCwd(ProcessSpec process, String prefix) {
    String field = join(prefix, "cwd");
    checks.required(field, "set the working directory inside the container, e.g. cwd: /");
    checks.absolutePath(field, process.cwd());
  }

  /** execve(2) takes NAME=value strings; an entry without "=" is not a variable. */
  private void validateEnv(List<String> env, String field) {
    for (int i = 0; i < env.size(); i++) {
      if (env.get(i).indexOf('=') < 1) {
        checks.fail(field + "[" + i + "]", quote(env.get(i)) + " is not of the form NAME=value");
      }
    }
  }

  private void validateUser(UserSpec user, String field) {
    if (user.uid() < 0) {
      checks.fail(field + ".uid", "must not be negative, got " + user.uid());
    }
    if (user.gid() < 0) {
      checks.fail(field + ".gid", "must not be negative, got " + user.gid());
    }
    if (user.umask() != null && (user.umask() < 0 || user.umask() > 0777)) {
      checks.fail(field + ".umask", "must be between 0 and 0777 (octal), got " + user.umask(), "write it in octal, e.g. umask: 0022");
    }
    for (int i = 0; i < user.additionalGids().size(); i++) {
      if (user.additionalGids().get(i) < 0) {
        checks.fail(field + ".additionalGids[" + i + "]", "must not be negative, got " + user.additionalGids().get(i));
      }
    }
  }

  private void validateCapabilities(CapabilitiesSpec capabilities, String field) {
    checks.allKnown(field + ".bounding", capabilities.bounding(), KnownNames.CAPABILITIES, "capability");
    checks.allKnown(field + ".effective", capabilities.effective(), KnownNames.CAPABILITIES, "capability");
    checks.allKnown(field + ".inheritable", capabilities.inheritable(), KnownNames.CAPABILITIES, "capability");
    checks.allKnown(field + ".permitted", capabilities.permitted(), KnownNames.CAPABILITIES, "capability");
    checks.allKnown(field + ".ambient", capabilities.ambient(), KnownNames.CAPABILITIES, "capability");
  }

  /** OCI: duplicate types are an error; limits are unsigned, soft must not exceed hard. */
  private void validateRlimits(List<RlimitSpec> rlimits, String field) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < rlimits.size(); i++) {
      RlimitSpec rlimit = rlimits.get(i);
      String prefix = field + "[" + i + "]";
      checks.required(prefix + ".type", "set an RLIMIT_* name, e.g. type: RLIMIT_NOFILE");
      checks.required(prefix + ".soft", null);
      checks.required(prefix + ".hard", null);
      checks.known(prefix + ".type", rlimit.type(), KnownNames.RLIMITS, "rlimit");
      if (!rlimit.type().isEmpty() && !seen.add(rlimit.type())) {
        checks.fail(prefix + ".type", "duplicate rlimit " + quote(rlimit.type()), "list each rlimit type once");
      }
      boolean bothSet = checks.written(prefix + ".soft") && checks.written(prefix + ".hard");
      if (bothSet && Long.compareUnsigned(rlimit.soft(), rlimit.hard()) > 0) {
        checks.fail(prefix + ".soft", "soft limit " + Long.toUnsignedString(rlimit.soft())
            + " is above hard limit " + Long.toUnsignedString(rlimit.hard()));
      }
    }
  }

  private void validateScheduler(SchedulerSpec scheduler, String field) {
    checks.required(field + ".policy", "use one of " + String.join(", ", KnownNames.SCHEDULER_POLICIES));
    checks.known(field + ".policy", scheduler.policy(), KnownNames.SCHEDULER_POLICIES, "scheduler policy");
    checks.range(field + ".nice", scheduler.nice(), -20, 19);
    checks.allKnown(field + ".flags", scheduler.flags(), KnownNames.SCHEDULER_FLAGS, "scheduler flag");
  }
}
