package io.rustyrun.runtime.seccomp;

import io.rustyrun.runtime.seccomp.BpfBuilder.Jump;
import io.rustyrun.runtime.seccomp.BpfBuilder.Label;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SequencedMap;
import java.util.TreeSet;

/**
 * Compiles a {@link SeccompConfig} into a classic BPF seccomp filter for one architecture, e.g.
 *
 * <pre>{@code
 * SeccompProgram program = new SeccompCompiler(SyscallTable.load(Arch.host())).compile(config);
 * }</pre>
 *
 * <p>The program, in the order the kernel runs it:
 *
 * <pre>
 *   ld  [arch]          ; not this architecture's ABI: kill the process
 *   jeq #AUDIT_ARCH, next, kill
 *   ld  [nr]
 *   jge #0x40000000, x32, next       ; x86_64 only: x32 syscalls have this bit set,
 *   x32: jeq #-1, next, kill         ; but -1 is a syscall a tracer skipped
 *   jeq #nr1, rules1, next           ; one block a syscall, in the order the rules name them
 *   rules1: the conditions of each rule; the first rule that holds returns its action,
 *           none holding returns the default action
 *   ...
 *   ret default
 *   kill: ret KILL_PROCESS
 * </pre>
 *
 * <p>64-bit argument conditions compare the high and the low 32-bit word, as libseccomp's
 * gen_bpf.c does: BPF's accumulator has 32 bits.
 */
public final class SeccompCompiler {
  // struct seccomp_data, include/uapi/linux/seccomp.h: int nr; __u32 arch; __u64 ip; __u64 args[6].
  private static final int NR_OFFSET = 0;
  private static final int ARCH_OFFSET = 4;
  private static final int ARGS_OFFSET = 16;
  /** __X32_SYSCALL_BIT, arch/x86/include/uapi/asm/unistd.h. */
  private static final int X32_SYSCALL_BIT = 0x40000000;
  private static final int KILL_PROCESS = SeccompAction.of(SeccompAction.Kind.KILL_PROCESS).ret();

  private final SyscallTable table;

  /** @param table the syscall numbers of the architecture to filter */
  public SeccompCompiler(SyscallTable table) {
    this.table = table;
  }

  /** @throws SeccompException when the program exceeds the kernel's 4096 instructions */
  public SeccompProgram compile(SeccompConfig config) {
    int defaultRet = config.defaultAction().ret();
    TreeSet<String> skipped = new TreeSet<>();
    SequencedMap<Integer, List<SyscallRule>> bySyscall = rulesBySyscall(config, skipped);

    BpfBuilder b = new BpfBuilder();
    Label kill = b.ret(KILL_PROCESS);
    Label next = b.ret(defaultRet);
    for (Map.Entry<Integer, List<SyscallRule>> e : bySyscall.reversed().entrySet()) {
      Label rules = rulesOf(b, e.getValue(), defaultRet);
      next = b.jump(Jump.JEQ, e.getKey(), rules, next);
    }
    if (table.arch() == Arch.X86_64) {
      next = rejectX32(b, kill, next);
    }
    Label loadNr = b.load(NR_OFFSET);
    b.jump(Jump.JEQ, table.arch().auditArch(), loadNr, kill);
    b.load(ARCH_OFFSET);
    if (b.size() > BpfBuilder.MAX_INSTRUCTIONS) {
      throw new SeccompException("seccomp: the filter needs " + b.size()
          + " instructions, more than the kernel's limit of " + BpfBuilder.MAX_INSTRUCTIONS);
    }
    return new SeccompProgram(table.arch(), b.toByteArray(), new ArrayList<>(skipped));
  }

  /**
   * x32 syscalls arrive with the x86_64 audit arch and {@code nr | __X32_SYSCALL_BIT}. nr -1 is
   * not one of them: a ptrace tracer sets it to skip a syscall and the kernel runs the filter
   * again (since Linux 4.8), so it goes on to the rules as libseccomp lets it.
   */
  private static Label rejectX32(BpfBuilder b, Label kill, Label rules) {
    Label skippedByTracer = b.jump(Jump.JEQ, -1, rules, kill);
    return b.jump(Jump.JGE, X32_SYSCALL_BIT, skippedByTracer, rules);
  }

  /**
   * The rules of each syscall number, in the order the config names the syscalls. Rules with the
   * default action are left out: libseccomp refuses them (seccomp_rule_add(3): EACCES) and runc
   * skips them, so a profile means the same here as under runc.
   */
  private SequencedMap<Integer, List<SyscallRule>> rulesBySyscall(SeccompConfig config, TreeSet<String> skipped) {
    SequencedMap<Integer, List<SyscallRule>> bySyscall = new LinkedHashMap<>();
    for (SyscallRule rule : config.rules()) {
      boolean filters = !rule.action().equals(config.defaultAction());
      for (String name : rule.names()) {
        OptionalInt nr = table.number(name);
        if (nr.isEmpty()) {
          skipped.add(name);
        } else if (filters) {
          bySyscall.computeIfAbsent(nr.getAsInt(), n -> new ArrayList<>()).add(rule);
        }
      }
    }
    return bySyscall;
  }

  /** Emits one syscall's rules; returns the start. A rule without conditions ends the list. */
  private Label rulesOf(BpfBuilder b, List<SyscallRule> rules, int defaultRet) {
    int end = 0;
    while (end < rules.size() && !rules.get(end).conditions().isEmpty()) {
      end++;
    }
    // Rules after an unconditional one can never match; without one, falling through means default.
    Label next = end < rules.size() ? b.ret(rules.get(end).action().ret()) : b.ret(defaultRet);
    for (int i = end - 1; i >= 0; i--) {
      next = rule(b, rules.get(i), next);
    }
    return next;
  }

  /** Emits the conditions of a rule, all of which must hold, then its action. */
  private Label rule(BpfBuilder b, SyscallRule rule, Label otherwise) {
    Label pass = b.ret(rule.action().ret());
    List<ArgCondition> conditions = rule.conditions();
    for (int i = conditions.size() - 1; i >= 0; i--) {
      pass = condition(b, conditions.get(i), pass, otherwise);
    }
    return pass;
  }

  private Label condition(BpfBuilder b, ArgCondition c, Label pass, Label fail) {
    return switch (c.op()) {
      case EQ -> maskedEqual(b, c.index(), -1L, c.value(), pass, fail);
      case NE -> maskedEqual(b, c.index(), -1L, c.value(), fail, pass);
      case MASKED_EQ -> maskedEqual(b, c.index(), c.value(), c.valueTwo(), pass, fail);
      case GT -> greater(b, c.index(), Jump.JGT, c.value(), pass, fail);
      case GE -> greater(b, c.index(), Jump.JGE, c.value(), pass, fail);
      // arg < v is not (arg >= v), arg <= v is not (arg > v).
      case LT -> greater(b, c.index(), Jump.JGE, c.value(), fail, pass);
      case LE -> greater(b, c.index(), Jump.JGT, c.value(), fail, pass);
    };
  }

  /** {@code (arg & mask) == value}: both words must match. */
  private static Label maskedEqual(BpfBuilder b, int index, long mask, long value, Label pass, Label fail) {
    b.jump(Jump.JEQ, low(value), pass, fail);
    Label lowWord = loadWord(b, lowOffset(index), low(mask));
    b.jump(Jump.JEQ, high(value), lowWord, fail);
    return loadWord(b, highOffset(index), high(mask));
  }

  /**
   * {@code arg > value} (JGT) or {@code arg >= value} (JGE), unsigned: a greater high word
   * decides, an equal high word defers to the low word.
   */
  private static Label greater(BpfBuilder b, int index, Jump lowTest, long value, Label pass, Label fail) {
    b.jump(lowTest, low(value), pass, fail);
    Label lowWord = b.load(lowOffset(index));
    Label highEqual = b.jump(Jump.JEQ, high(value), lowWord, fail);
    b.jump(Jump.JGT, high(value), pass, highEqual);
    return b.load(highOffset(index));
  }

  private static Label loadWord(BpfBuilder b, int offset, int mask) {
    if (mask != -1) {
      b.and(mask);
    }
    return b.load(offset);
  }

  // Both architectures are little-endian: the low word of args[i] comes first.
  private static int lowOffset(int index) {
    return ARGS_OFFSET + 8 * index;
  }

  private static int highOffset(int index) {
    return lowOffset(index) + 4;
  }

  private static int low(long value) {
    return (int) value;
  }

  private static int high(long value) {
    return (int) (value >>> 32);
  }
}
