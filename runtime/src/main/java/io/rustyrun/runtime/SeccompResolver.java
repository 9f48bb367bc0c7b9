package io.rustyrun.runtime;

import io.rustyrun.runtime.seccomp.Arch;
import io.rustyrun.runtime.seccomp.ArgCondition;
import io.rustyrun.runtime.seccomp.CompareOp;
import io.rustyrun.runtime.seccomp.FilterFlag;
import io.rustyrun.runtime.seccomp.KnownSyscalls;
import io.rustyrun.runtime.seccomp.SeccompAction;
import io.rustyrun.runtime.seccomp.SeccompAction.Kind;
import io.rustyrun.runtime.seccomp.SeccompCompiler;
import io.rustyrun.runtime.seccomp.SeccompConfig;
import io.rustyrun.runtime.seccomp.SeccompException;
import io.rustyrun.runtime.seccomp.SyscallRule;
import io.rustyrun.runtime.seccomp.SyscallTable;
import io.rustyrun.spec.SeccompArgSpec;
import io.rustyrun.spec.SeccompSpec;
import io.rustyrun.spec.SyscallRuleSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a validated {@code linux.seccomp} into the spec-free {@link SeccompConfig} the init stage
 * compiles, and compiles it once on the host so that every error shows before a process starts,
 * e.g.
 *
 * <pre>{@code
 * SeccompConfig config = new SeccompResolver(KnownSyscalls.load(), SyscallTable.load(Arch.host()))
 *     .resolve(spec.linux().seccomp());
 * }</pre>
 *
 * <p>Names follow runc: {@code SCMP_ACT_KILL} is KILL_THREAD; {@code errnoRet} (and
 * {@code defaultErrnoRet} for the default action) sets the errno of {@code SCMP_ACT_ERRNO} and
 * the message of {@code SCMP_ACT_TRACE}, EPERM when absent, and is ignored on other actions.
 * {@code architectures} needs no translation: the filter always covers the native architecture
 * and kills syscalls of every other ABI (see {@code io.rustyrun.runtime.seccomp}).
 */
public final class SeccompResolver {
  private static final int EPERM = 1;
  private static final String NOTIFY = "SCMP_ACT_NOTIFY";

  private final KnownSyscalls known;
  private final SyscallTable hostTable;

  /**
   * @param known every syscall name of every architecture, to tell typos from foreign names
   * @param hostTable the table of the architecture the container will run on
   */
  public SeccompResolver(KnownSyscalls known, SyscallTable hostTable) {
    this.known = known;
    this.hostTable = hostTable;
  }

  /** @throws ContainerSetupException naming the first field rustyrun cannot turn into a filter */
  public SeccompConfig resolve(SeccompSpec spec) {
    if (!spec.listenerPath().isEmpty()) {
      throw new ContainerSetupException("seccomp: listenerPath \"" + spec.listenerPath()
          + "\" serves " + NOTIFY + ", which rustyrun does not support");
    }
    SeccompAction defaultAction = action(spec.defaultAction(), spec.defaultErrnoRet(), "linux.seccomp.defaultAction");
    List<SyscallRule> rules = new ArrayList<>();
    for (int i = 0; i < spec.syscalls().size(); i++) {
      rules.add(rule(spec.syscalls().get(i), "linux.seccomp.syscalls[" + i + "]"));
    }
    SeccompConfig config = new SeccompConfig(defaultAction, rules, flags(spec.flags()));
    checkCompiles(config);
    return config;
  }

  private SyscallRule rule(SyscallRuleSpec spec, String field) {
    for (String name : spec.names()) {
      if (!known.contains(name)) {
        throw new ContainerSetupException("seccomp: syscall \"" + name + "\" in " + field + " is unknown on "
            + Arch.X86_64 + " and " + Arch.AARCH64 + " (and on every other architecture rustyrun knows)");
      }
    }
    List<ArgCondition> conditions = new ArrayList<>();
    for (SeccompArgSpec arg : spec.args()) {
      conditions.add(new ArgCondition(arg.index(), arg.value(), arg.valueTwo(), operator(arg.op())));
    }
    return new SyscallRule(spec.names(), action(spec.action(), spec.errnoRet(), field + ".action"), conditions);
  }

  private static SeccompAction action(String name, Integer errnoRet, String field) {
    Kind kind = switch (name) {
      case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> Kind.KILL_THREAD;
      case "SCMP_ACT_KILL_PROCESS" -> Kind.KILL_PROCESS;
      case "SCMP_ACT_TRAP" -> Kind.TRAP;
      case "SCMP_ACT_ERRNO" -> Kind.ERRNO;
      case "SCMP_ACT_TRACE" -> Kind.TRACE;
      case "SCMP_ACT_LOG" -> Kind.LOG;
      case "SCMP_ACT_ALLOW" -> Kind.ALLOW;
      case NOTIFY -> throw new ContainerSetupException("seccomp: action \"" + NOTIFY + "\" in " + field
          + " is not supported: it hands syscalls to a listener process, which rustyrun does not run");
      default -> throw new ContainerSetupException("seccomp: unknown action \"" + name + "\" in " + field);
    };
    if (kind != Kind.ERRNO && kind != Kind.TRACE) {
      return SeccompAction.of(kind);
    }
    int data = errnoRet == null ? EPERM : errnoRet;
    if (data < 0 || data > SeccompAction.MAX_DATA) {
      throw new ContainerSetupException("seccomp: errno " + data + " of " + field + " does not fit the 16 bits"
          + " the kernel passes (SECCOMP_RET_DATA)");
    }
    return new SeccompAction(kind, data);
  }

  /** The spec module has checked the name against the SCMP_CMP_* list, which CompareOp mirrors. */
  private static CompareOp operator(String op) {
    return CompareOp.valueOf(op.substring("SCMP_CMP_".length()));
  }

  /** The spec module has checked the names against the SECCOMP_FILTER_FLAG_* list FilterFlag mirrors. */
  private static Set<FilterFlag> flags(List<String> names) {
    Set<FilterFlag> flags = EnumSet.noneOf(FilterFlag.class);
    for (String name : names) {
      flags.add(FilterFlag.valueOf(name.substring("SECCOMP_FILTER_FLAG_".length())));
    }
    return flags;
  }

  /** A filter too large for the kernel would otherwise only fail in the init stage. */
  private void checkCompiles(SeccompConfig config) {
    try {
      new SeccompCompiler(hostTable).compile(config);
    } catch (SeccompException e) {
      throw new ContainerSetupException(e.getMessage(), e);
    }
  }
}
