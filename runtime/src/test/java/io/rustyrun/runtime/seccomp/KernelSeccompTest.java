package io.rustyrun.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rustyrun.runtime.seccomp.KernelHarness.Outcome;
import io.rustyrun.runtime.seccomp.SeccompAction.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters compiled here, installed by the real kernel in {@link KernelHarness}. */
class KernelSeccompTest {
  private static final SeccompAction ALLOW = SeccompAction.of(Kind.ALLOW);
  private static final int EPERM = 1;
  private static final int EACCES = 13;
  private static final int EINVAL = 22;
  private static final int ENOSYS = 38;

  @TempDir static Path dir;
  private static KernelHarness harness;
  private static SyscallTable table;

  @BeforeAll
  static void compileHarness() throws Exception {
    Arch arch;
    try {
      arch = Arch.host();
    } catch (SeccompException e) {
      arch = null;
    }
    assumeTrue(arch != null, "rustyrun has no syscall table for this architecture");
    table = SyscallTable.load(arch);
    harness = KernelHarness.compile(dir);
    assumeTrue(harness != null, "gcc is not installed: cannot build the seccomp harness");
  }

  /** The config plus what the harness needs to report: write and exit_group. */
  private static SeccompProgram compile(SeccompAction defaultAction, SyscallRule... rules) {
    List<SyscallRule> all = new ArrayList<>(List.of(rules));
    all.add(new SyscallRule(List.of("write", "exit_group"), ALLOW, List.of()));
    return new SeccompCompiler(table).compile(new SeccompConfig(defaultAction, all, Set.of()));
  }

  private static SyscallRule rule(String name, SeccompAction action, ArgCondition... conditions) {
    return new SyscallRule(List.of(name), action, List.of(conditions));
  }

  private static String nr(String name) {
    return Integer.toString(table.number(name).orElseThrow());
  }

  @Test
  void errnoRuleFailsTheSyscallAndItHasNoEffect() throws Exception {
    // mkdirat(AT_FDCWD, path, mode): mode 0755 is denied, 0700 is not.
    SeccompProgram program = compile(ALLOW,
        rule("mkdirat", SeccompAction.errno(EPERM), new ArgCondition(2, 0755, 0, CompareOp.EQ)));
    Path denied = dir.resolve("denied");
    Path allowed = dir.resolve("allowed");

    Outcome o = harness.run(program, 0, nr("mkdirat"), "-100", "s:" + denied, "0755");

    assertThat(o.errno()).as(o.stderr()).isEqualTo(EPERM);
    assertThat(denied).doesNotExist();
    assertThat(harness.run(program, 0, nr("mkdirat"), "-100", "s:" + allowed, "0700").ret()).isZero();
    assertThat(allowed).isDirectory();
  }

  @Test
  void unlistedSyscallGetsTheDefaultErrno() throws Exception {
    SeccompProgram program = compile(SeccompAction.errno(ENOSYS), rule("getppid", ALLOW));

    assertThat(harness.run(program, 0, nr("getpid")).errno()).isEqualTo(ENOSYS);
    assertThat(harness.run(program, 0, nr("getppid")).ret()).isPositive();
  }

  @Test
  void argumentConditionsCompareAll64Bits() throws Exception {
    // podman's personality rule: only PER_LINUX (0) and the query 0xffffffff are allowed.
    SeccompProgram program = compile(SeccompAction.errno(ENOSYS),
        rule("personality", ALLOW, new ArgCondition(0, 0xFFFF_FFFFL, 0, CompareOp.EQ)),
        rule("personality", ALLOW, new ArgCondition(0, 0, 0, CompareOp.EQ)));

    assertThat(harness.run(program, 0, nr("personality"), "0xffffffff").errno()).isZero();
    assertThat(harness.run(program, 0, nr("personality"), "0").errno()).isZero();
    assertThat(harness.run(program, 0, nr("personality"), "8").errno()).isEqualTo(ENOSYS);
    // The kernel reads an int, the filter sees the whole register.
    assertThat(harness.run(program, 0, nr("personality"), "0x1ffffffff").errno()).isEqualTo(ENOSYS);
  }

  @Test
  void socketRulesOfPodmanRejectOnlyNetlinkAudit() throws Exception {
    SeccompProgram program = compile(SeccompAction.errno(ENOSYS),
        rule("socket", SeccompAction.errno(EINVAL), new ArgCondition(0, 16, 0, CompareOp.EQ),
            new ArgCondition(2, 9, 0, CompareOp.EQ)),
        rule("socket", ALLOW, new ArgCondition(2, 9, 0, CompareOp.NE)),
        rule("socket", ALLOW, new ArgCondition(0, 16, 0, CompareOp.NE)));

    // AF_NETLINK=16, SOCK_RAW=3, NETLINK_AUDIT=9; AF_UNIX=1, SOCK_STREAM=1.
    assertThat(harness.run(program, 0, nr("socket"), "16", "3", "9").errno()).isEqualTo(EINVAL);
    assertThat(harness.run(program, 0, nr("socket"), "1", "1", "0").ret()).isGreaterThanOrEqualTo(3);
    assertThat(harness.run(program, 0, nr("socket"), "16", "3", "0").ret()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void maskedAndOrderedComparisons() throws Exception {
    SeccompProgram program = compile(ALLOW,
        rule("umask", SeccompAction.errno(EACCES), new ArgCondition(0, 0x40, 0x40, CompareOp.MASKED_EQ)),
        rule("umask", SeccompAction.errno(EINVAL), new ArgCondition(0, 0x1FF, 0, CompareOp.GT)));

    assertThat(harness.run(program, 0, nr("umask"), "0x42").errno()).isEqualTo(EACCES);
    assertThat(harness.run(program, 0, nr("umask"), "0x200").errno()).isEqualTo(EINVAL);
    assertThat(harness.run(program, 0, nr("umask"), "0x22").errno()).isZero();
  }

  @Test
  void killTrapLogAndTraceActions() throws Exception {
    SeccompProgram program = compile(ALLOW,
        rule("getpid", SeccompAction.of(Kind.KILL_PROCESS)),
        rule("getppid", SeccompAction.of(Kind.KILL_THREAD)),
        rule("getuid", SeccompAction.of(Kind.TRAP)),
        rule("getgid", SeccompAction.of(Kind.LOG)),
        rule("geteuid", new SeccompAction(Kind.TRACE, 5)));

    assertThat(harness.run(program, 0, nr("getpid")).exitStatus()).isEqualTo(KernelHarness.KILLED_BY_SIGSYS);
    assertThat(harness.run(program, 0, nr("getppid")).exitStatus()).isEqualTo(KernelHarness.KILLED_BY_SIGSYS);
    assertThat(harness.run(program, 0, nr("getuid")).exitStatus()).isEqualTo(KernelHarness.KILLED_BY_SIGSYS);
    assertThat(harness.run(program, 0, nr("getgid")).errno()).isZero();
    // SECCOMP_RET_TRACE without a tracer: the syscall fails with ENOSYS (seccomp(2)).
    assertThat(harness.run(program, 0, nr("geteuid")).errno()).isEqualTo(ENOSYS);
  }

  @Test
  void logFlagIsAcceptedByTheKernel() throws Exception {
    SeccompProgram program = compile(SeccompAction.errno(ENOSYS), rule("getpid", ALLOW));

    Outcome o = harness.run(program, FilterFlag.LOG.bit(), nr("getpid"));

    assertThat(o.ret()).as(o.stderr()).isPositive();
  }

  @Test
  void x32SyscallsAreKilledOnX86_64() throws Exception {
    assumeTrue(table.arch() == Arch.X86_64, "x32 exists on x86_64 only");
    SeccompProgram program = compile(ALLOW);

    assertThat(harness.run(program, 0, "x32:" + nr("getpid")).exitStatus()).isEqualTo(KernelHarness.KILLED_BY_SIGSYS);
  }

  @Test
  void i386SyscallsAreKilledOnX86_64() throws Exception {
    assumeTrue(table.arch() == Arch.X86_64, "int 0x80 exists on x86_64 only");
    // i386 getpid is 20; without a filter it must work, else the kernel lacks IA32 emulation.
    Outcome unfiltered = harness.run(null, 0, "i386:20");
    assumeTrue(unfiltered.ret() > 0, "the kernel has no IA32 emulation: " + unfiltered);

    assertThat(harness.run(compile(ALLOW), 0, "i386:20").exitStatus()).isEqualTo(KernelHarness.KILLED_BY_SIGSYS);
  }
}
