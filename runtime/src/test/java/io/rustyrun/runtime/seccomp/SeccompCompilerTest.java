package io.rustyrun.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.runtime.seccomp.BpfInterpreter.SeccompData;
import io.rustyrun.runtime.seccomp.SeccompAction.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The emitted programs, run by {@link BpfInterpreter} on chosen {@code seccomp_data}. */
class SeccompCompilerTest {
  private static final SyscallTable X86_64 = SyscallTable.load(Arch.X86_64);
  private static final SyscallTable AARCH64 = SyscallTable.load(Arch.AARCH64);
  private static final SeccompAction ALLOW = SeccompAction.of(Kind.ALLOW);
  private static final SeccompAction ENOSYS = SeccompAction.errno(38);
  private static final int KILL_PROCESS = 0x80000000;
  private static final int AUDIT_ARCH_I386 = 0x40000003;

  /** Values around the 32-bit word boundaries, where a split comparison can go wrong. */
  private static final long[] EDGES = {
      0, 1, 2, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFEL, 0xFFFF_FFFFL, 0x1_0000_0000L, 0x1_0000_0001L,
      0x1_FFFF_FFFFL, 0x2_0000_0000L, 0x7FFF_FFFF_FFFF_FFFFL, 0x8000_0000_0000_0000L, 0xFFFF_FFFF_0000_0000L,
      0xFFFF_FFFF_FFFF_FFFEL, -1L};

  private static SyscallRule rule(String name, SeccompAction action, ArgCondition... conditions) {
    return new SyscallRule(List.of(name), action, List.of(conditions));
  }

  private static SeccompConfig config(SeccompAction defaultAction, SyscallRule... rules) {
    return new SeccompConfig(defaultAction, List.of(rules), Set.of());
  }

  private static int verdict(SeccompConfig config, String syscall, long... args) {
    byte[] program = new SeccompCompiler(X86_64).compile(config).bytes();
    return BpfInterpreter.run(program, SeccompData.of(Arch.X86_64, X86_64.number(syscall).orElseThrow(), args));
  }

  @Test
  void unlistedSyscallsGetTheDefaultAction() {
    SeccompConfig config = config(ENOSYS, rule("mkdir", ALLOW));

    assertThat(verdict(config, "mkdir")).isEqualTo(0x7fff0000);
    assertThat(verdict(config, "rmdir")).isEqualTo(0x00050026);
  }

  @Test
  void everyActionReturnsItsKernelValue() {
    SeccompConfig config = config(ALLOW,
        rule("mkdir", SeccompAction.of(Kind.KILL_THREAD)),
        rule("rmdir", SeccompAction.of(Kind.KILL_PROCESS)),
        rule("chdir", SeccompAction.of(Kind.TRAP)),
        rule("fchdir", SeccompAction.errno(13)),
        rule("mknod", new SeccompAction(Kind.TRACE, 7)),
        rule("link", SeccompAction.of(Kind.LOG)));

    assertThat(verdict(config, "mkdir")).isEqualTo(0);
    assertThat(verdict(config, "rmdir")).isEqualTo(0x80000000);
    assertThat(verdict(config, "chdir")).isEqualTo(0x00030000);
    assertThat(verdict(config, "fchdir")).isEqualTo(0x0005000d);
    assertThat(verdict(config, "mknod")).isEqualTo(0x7ff00007);
    assertThat(verdict(config, "link")).isEqualTo(0x7ffc0000);
    assertThat(verdict(config, "getpid")).isEqualTo(0x7fff0000);
  }

  @Test
  void syscallsOfAnotherAbiKillTheProcess() {
    byte[] program = new SeccompCompiler(X86_64).compile(config(ALLOW)).bytes();

    // i386 getpid through int 0x80, then an x32 getpid (nr | __X32_SYSCALL_BIT).
    assertThat(BpfInterpreter.run(program, new SeccompData(20, AUDIT_ARCH_I386, 0, new long[0])))
        .isEqualTo(KILL_PROCESS);
    assertThat(BpfInterpreter.run(program, SeccompData.of(Arch.X86_64, 0x40000000 | 39))).isEqualTo(KILL_PROCESS);
    assertThat(BpfInterpreter.run(program, SeccompData.of(Arch.AARCH64, 39))).isEqualTo(KILL_PROCESS);
    assertThat(BpfInterpreter.run(program, SeccompData.of(Arch.X86_64, 39))).isEqualTo(0x7fff0000);
  }

  @Test
  void syscallMinusOneIsNotMistakenForX32() {
    // A tracer skipping a syscall sets nr to -1; libseccomp lets it reach the rules.
    byte[] program = new SeccompCompiler(X86_64).compile(config(ENOSYS)).bytes();

    assertThat(BpfInterpreter.run(program, SeccompData.of(Arch.X86_64, -1))).isEqualTo(0x00050026);
  }

  @Test
  void aarch64ProgramsUseAarch64NumbersAndHaveNoX32Check() {
    SeccompConfig config = config(ENOSYS, rule("mkdirat", ALLOW), rule("mkdir", ALLOW));
    SeccompProgram program = new SeccompCompiler(AARCH64).compile(config);

    assertThat(BpfInterpreter.run(program.bytes(), SeccompData.of(Arch.AARCH64, 34))).isEqualTo(0x7fff0000);
    assertThat(BpfInterpreter.run(program.bytes(), SeccompData.of(Arch.AARCH64, 0x40000000 | 34)))
        .isEqualTo(0x00050026);
    assertThat(BpfInterpreter.run(program.bytes(), SeccompData.of(Arch.X86_64, 34))).isEqualTo(KILL_PROCESS);
    assertThat(program.arch()).isEqualTo(Arch.AARCH64);
    assertThat(program.skippedNames()).containsExactly("mkdir");
  }

  @ParameterizedTest
  @EnumSource(CompareOp.class)
  void comparisonsAreUnsignedOn64Bits(CompareOp op) {
    for (long operand : EDGES) {
      SeccompConfig config = config(ALLOW, rule("personality", SeccompAction.errno(1),
          new ArgCondition(3, operand, operand & 0x0000_FFFF_0000_FFFFL, op)));
      byte[] program = new SeccompCompiler(X86_64).compile(config).bytes();
      for (long arg : EDGES) {
        boolean matches = holds(op, arg, operand, operand & 0x0000_FFFF_0000_FFFFL);
        int ret = BpfInterpreter.run(program, SeccompData.of(Arch.X86_64, 135, 0, 0, 0, arg));
        assertThat(ret).as("%s: arg 0x%x, operand 0x%x", op, arg, operand).isEqualTo(matches ? 0x00050001 : 0x7fff0000);
      }
    }
  }

  /** The reference semantics of seccomp_rule_add(3), with Java's unsigned comparison. */
  private static boolean holds(CompareOp op, long arg, long value, long valueTwo) {
    int cmp = Long.compareUnsigned(arg, value);
    return switch (op) {
      case NE -> cmp != 0;
      case LT -> cmp < 0;
      case LE -> cmp <= 0;
      case EQ -> cmp == 0;
      case GE -> cmp >= 0;
      case GT -> cmp > 0;
      case MASKED_EQ -> (arg & value) == valueTwo;
    };
  }

  @Test
  void conditionsOfOneRuleMustAllHoldAndEachArgumentIsItsOwn() {
    // podman: socket(AF_NETLINK, *, NETLINK_AUDIT) fails with EINVAL, other sockets are allowed.
    SeccompConfig config = config(ENOSYS,
        rule("socket", SeccompAction.errno(22), new ArgCondition(0, 16, 0, CompareOp.EQ),
            new ArgCondition(2, 9, 0, CompareOp.EQ)),
        rule("socket", ALLOW, new ArgCondition(2, 9, 0, CompareOp.NE)),
        rule("socket", ALLOW, new ArgCondition(0, 16, 0, CompareOp.NE)));

    assertThat(verdict(config, "socket", 16, 3, 9)).isEqualTo(0x00050016);
    assertThat(verdict(config, "socket", 16, 3, 0)).isEqualTo(0x7fff0000);
    assertThat(verdict(config, "socket", 2, 1, 9)).isEqualTo(0x7fff0000);
    assertThat(verdict(config, "socket", 1, 1, 0)).isEqualTo(0x7fff0000);
  }

  @Test
  void rulesForOneSyscallAreTriedInOrder() {
    SeccompConfig config = config(ENOSYS,
        rule("personality", ALLOW, new ArgCondition(0, 0, 0, CompareOp.EQ)),
        rule("personality", ALLOW, new ArgCondition(0, 8, 0, CompareOp.EQ)),
        rule("personality", SeccompAction.errno(1), new ArgCondition(0, 0x100, 0, CompareOp.GE)),
        rule("personality", SeccompAction.errno(2)),
        rule("personality", SeccompAction.errno(3)));

    assertThat(verdict(config, "personality", 0)).isEqualTo(0x7fff0000);
    assertThat(verdict(config, "personality", 8)).isEqualTo(0x7fff0000);
    assertThat(verdict(config, "personality", 0x200)).isEqualTo(0x00050001);
    assertThat(verdict(config, "personality", 9)).isEqualTo(0x00050002);
  }

  @Test
  void rulesWithTheDefaultActionAreDroppedAsRuncDoes() {
    SeccompConfig config = config(ALLOW,
        rule("personality", ALLOW, new ArgCondition(0, 8, 0, CompareOp.EQ)),
        rule("personality", SeccompAction.errno(1)));

    assertThat(verdict(config, "personality", 8)).isEqualTo(0x00050001);
  }

  @Test
  void unknownNamesAreSkippedAndReported() {
    SeccompConfig config = config(ENOSYS, new SyscallRule(List.of("vm86", "mkdir", "chown32"), ALLOW, List.of()));

    SeccompProgram program = new SeccompCompiler(X86_64).compile(config);

    assertThat(program.skippedNames()).containsExactly("chown32", "vm86");
    assertThat(BpfInterpreter.run(program.bytes(), SeccompData.of(Arch.X86_64, 83))).isEqualTo(0x7fff0000);
  }

  @Test
  void aLongRuleListNeedsLongJumpsAndStillDecidesEveryCase() {
    // 150 rules on one syscall: its block is far longer than a conditional jump reaches.
    List<SyscallRule> rules = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      rules.add(rule("personality", SeccompAction.errno(i + 1), new ArgCondition(0, i, 0, CompareOp.EQ),
          new ArgCondition(1, i * 0x1_0000_0001L, 0, CompareOp.EQ)));
    }
    rules.add(rule("mkdir", SeccompAction.errno(999)));
    SeccompConfig config = new SeccompConfig(ALLOW, rules, Set.of());
    SeccompProgram program = new SeccompCompiler(X86_64).compile(config);

    assertThat(program.instructionCount()).isGreaterThan(1000);
    for (int i = 0; i < 150; i++) {
      assertThat(verdict(config, "personality", i, i * 0x1_0000_0001L)).isEqualTo(0x00050000 | (i + 1));
      assertThat(verdict(config, "personality", i, i)).isEqualTo(i == 0 ? 0x00050001 : 0x7fff0000);
    }
    assertThat(verdict(config, "mkdir")).isEqualTo(0x00050000 | 999);
    assertThat(BpfInterpreter.run(program.bytes(), new SeccompData(20, AUDIT_ARCH_I386, 0, new long[0])))
        .isEqualTo(KILL_PROCESS);
  }

  @Test
  void aProgramOverTheKernelLimitIsRefused() {
    List<SyscallRule> rules = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rules.add(rule("personality", SeccompAction.errno(1), new ArgCondition(0, i, 0, CompareOp.EQ)));
    }
    SeccompConfig config = new SeccompConfig(ALLOW, rules, Set.of());

    assertThatThrownBy(() -> new SeccompCompiler(X86_64).compile(config))
        .isInstanceOf(SeccompException.class)
        .hasMessageContaining("more than the kernel's limit of 4096");
  }
}
