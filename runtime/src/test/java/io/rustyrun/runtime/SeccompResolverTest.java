package io.rustyrun.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.runtime.seccomp.Arch;
import io.rustyrun.runtime.seccomp.ArgCondition;
import io.rustyrun.runtime.seccomp.CompareOp;
import io.rustyrun.runtime.seccomp.FilterFlag;
import io.rustyrun.runtime.seccomp.KnownSyscalls;
import io.rustyrun.runtime.seccomp.SeccompAction;
import io.rustyrun.runtime.seccomp.SeccompAction.Kind;
import io.rustyrun.runtime.seccomp.SeccompConfig;
import io.rustyrun.runtime.seccomp.SyscallRule;
import io.rustyrun.runtime.seccomp.SyscallTable;
import io.rustyrun.spec.SeccompArgSpec;
import io.rustyrun.spec.SeccompSpec;
import io.rustyrun.spec.SyscallRuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeccompResolverTest {
  private static final SeccompResolver RESOLVER =
      new SeccompResolver(KnownSyscalls.load(), SyscallTable.load(Arch.X86_64));

  private static SeccompSpec spec(String defaultAction, Integer defaultErrnoRet, SyscallRuleSpec... rules) {
    return new SeccompSpec(defaultAction, defaultErrnoRet, List.of(), List.of(), null, null, List.of(rules));
  }

  @Test
  void resolvesActionsErrnosAndArguments() {
    SeccompSpec spec = new SeccompSpec("SCMP_ACT_ERRNO", 38, List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86"),
        List.of("SECCOMP_FILTER_FLAG_LOG"), null, null, List.of(
            new SyscallRuleSpec(List.of("read", "vm86"), "SCMP_ACT_ALLOW", null, List.of()),
            new SyscallRuleSpec(List.of("socket"), "SCMP_ACT_ERRNO", 22, List.of(
                new SeccompArgSpec(0, 16, 0, "SCMP_CMP_EQ"),
                new SeccompArgSpec(1, 0xFFFF_FFFF_FFFF_FFFFL, 1, "SCMP_CMP_MASKED_EQ"))),
            new SyscallRuleSpec(List.of("mkdir"), "SCMP_ACT_ERRNO", null, List.of()),
            new SyscallRuleSpec(List.of("ptrace"), "SCMP_ACT_TRACE", null, List.of()),
            new SyscallRuleSpec(List.of("kexec_load"), "SCMP_ACT_KILL", 5, List.of())));

    SeccompConfig config = RESOLVER.resolve(spec);

    assertThat(config).isEqualTo(new SeccompConfig(SeccompAction.errno(38), List.of(
        new SyscallRule(List.of("read", "vm86"), SeccompAction.of(Kind.ALLOW), List.of()),
        new SyscallRule(List.of("socket"), SeccompAction.errno(22), List.of(
            new ArgCondition(0, 16, 0, CompareOp.EQ), new ArgCondition(1, -1L, 1, CompareOp.MASKED_EQ))),
        new SyscallRule(List.of("mkdir"), SeccompAction.errno(1), List.of()),
        new SyscallRule(List.of("ptrace"), new SeccompAction(Kind.TRACE, 1), List.of()),
        new SyscallRule(List.of("kexec_load"), SeccompAction.of(Kind.KILL_THREAD), List.of())),
        Set.of(FilterFlag.LOG)));
  }

  @Test
  void defaultErrnoIsEpermWithoutDefaultErrnoRet() {
    assertThat(RESOLVER.resolve(spec("SCMP_ACT_ERRNO", null)).defaultAction()).isEqualTo(SeccompAction.errno(1));
    assertThat(RESOLVER.resolve(spec("SCMP_ACT_KILL_PROCESS", 3)).defaultAction())
        .isEqualTo(SeccompAction.of(Kind.KILL_PROCESS));
  }

  @Test
  void aNameNoArchitectureHasIsAnError() {
    SeccompSpec spec = spec("SCMP_ACT_ERRNO", null,
        new SyscallRuleSpec(List.of("read"), "SCMP_ACT_ALLOW", null, List.of()),
        new SyscallRuleSpec(List.of("mkdri"), "SCMP_ACT_ALLOW", null, List.of()));

    assertThatThrownBy(() -> RESOLVER.resolve(spec))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessageStartingWith("seccomp: syscall \"mkdri\" in linux.seccomp.syscalls[1] is unknown on x86_64 and aarch64");
  }

  @Test
  void notifyIsRejectedClearly() {
    assertThatThrownBy(() -> RESOLVER.resolve(spec("SCMP_ACT_ALLOW", null,
        new SyscallRuleSpec(List.of("mount"), "SCMP_ACT_NOTIFY", null, List.of()))))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessageStartingWith("seccomp: action \"SCMP_ACT_NOTIFY\" in linux.seccomp.syscalls[0].action is not supported");
    assertThatThrownBy(() -> RESOLVER.resolve(spec("SCMP_ACT_NOTIFY", null)))
        .hasMessageContaining("linux.seccomp.defaultAction is not supported");
    SeccompSpec listener = new SeccompSpec("SCMP_ACT_ALLOW", null, List.of(), List.of(), "/run/agent.sock", null,
        List.of());
    assertThatThrownBy(() -> RESOLVER.resolve(listener)).hasMessageContaining("listenerPath \"/run/agent.sock\"");
  }

  @Test
  void errnoMustFitSixteenBits() {
    assertThatThrownBy(() -> RESOLVER.resolve(spec("SCMP_ACT_ERRNO", 70000)))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessageContaining("errno 70000 of linux.seccomp.defaultAction does not fit");
  }

  @Test
  void aFilterTooLargeForTheKernelFailsOnTheHost() {
    List<SyscallRuleSpec> rules = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rules.add(new SyscallRuleSpec(List.of("personality"), "SCMP_ACT_ERRNO", null,
          List.of(new SeccompArgSpec(0, i, 0, "SCMP_CMP_EQ"))));
    }
    SeccompSpec spec = spec("SCMP_ACT_ALLOW", null, rules.toArray(SyscallRuleSpec[]::new));

    assertThatThrownBy(() -> RESOLVER.resolve(spec))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessageContaining("more than the kernel's limit of 4096");
  }
}
