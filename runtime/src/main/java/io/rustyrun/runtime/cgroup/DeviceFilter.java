package io.rustyrun.runtime.cgroup;

import io.rustyrun.runtime.ebpf.Assembler;
import io.rustyrun.runtime.ebpf.Program;
import io.rustyrun.runtime.ebpf.Register;
import java.util.List;

/**
 * Compiles device rules into a {@code BPF_PROG_TYPE_CGROUP_DEVICE} program, the cgroup v2
 * replacement for the v1 devices controller; the same program runc ({@code
 * libcontainer/cgroups/devices/devicefilter.go}) and crun ({@code src/libcrun/ebpf.c}) generate.
 *
 * <pre>{@code
 * Program p = DeviceFilter.compile(List.of(DeviceRule.DENY_ALL, DeviceRule.allow(CHAR, 1, 3, "rwm")));
 * // load the context into r2..r5, then:
 * // block-0: if (type != char || major != 1 || minor != 3) goto block-1; return 1
 * // block-1: return 0
 * }</pre>
 *
 * <p>The kernel runs the program on every open and mknod of a device node in the cgroup with a
 * {@code struct bpf_cgroup_dev_ctx} in r1: {@code u32 access_type} (device type in the low 16
 * bits, access in the high 16), {@code u32 major}, {@code u32 minor}. It returns 1 to allow and
 * 0 to deny (EPERM). Each exception of the {@link DeviceRuleSet} becomes one block that returns
 * its verdict when type, access, major and minor match, and otherwise falls through to the next
 * block; the last returns the default.
 */
final class DeviceFilter {
  /** The program's license, in the form of the kernel's MODULE_LICENSE; it uses no GPL-only helper. */
  static final String LICENSE = "Apache";

  /** {@code BPF_DEVCG_DEV_BLOCK}, {@code BPF_DEVCG_DEV_CHAR}. */
  private static final int DEV_BLOCK = 1;
  private static final int DEV_CHAR = 2;
  /** {@code BPF_DEVCG_ACC_MKNOD}, {@code _READ}, {@code _WRITE}. */
  private static final int ACC_MKNOD = 1;
  private static final int ACC_READ = 2;
  private static final int ACC_WRITE = 4;
  private static final int ACC_ALL = ACC_MKNOD | ACC_READ | ACC_WRITE;

  private final Assembler asm = new Assembler();
  private int block;

  private DeviceFilter() {}

  /** The program that enforces {@code rules}, applied in order from "deny everything". */
  static Program compile(List<DeviceRule> rules) {
    DeviceRuleSet set = DeviceRuleSet.of(rules);
    DeviceFilter filter = new DeviceFilter();
    filter.loadContext();
    set.exceptions().forEach(filter::appendBlock);
    return filter.finish(set.defaultAllow());
  }

  /** r2 = device type, r3 = requested access, r4 = major, r5 = minor. */
  private void loadContext() {
    asm.loadWord(Register.R2, Register.R1, 0).andImm32(Register.R2, 0xFFFF)
        .loadWord(Register.R3, Register.R1, 0).rshImm32(Register.R3, 16)
        .loadWord(Register.R4, Register.R1, 4)
        .loadWord(Register.R5, Register.R1, 8);
  }

  /**
   * One exception: checks only what it restricts. An access subset matches when the requested
   * access has no bit outside it (r1 is free as a temporary once the context is loaded).
   */
  private void appendBlock(DeviceRule rule) {
    Assembler.Label next = label(block + 1);
    asm.bind(label(block)).jumpIfNotEqual(Register.R2, rule.type() == DeviceRule.Type.BLOCK ? DEV_BLOCK : DEV_CHAR, next);
    int access = access(rule.access());
    if (access != ACC_ALL) {
      asm.movReg32(Register.R1, Register.R3).andImm32(Register.R1, access).jumpIfNotEqual(Register.R1, Register.R3, next);
    }
    if (rule.major() != DeviceRule.ANY) {
      asm.jumpIfNotEqual(Register.R4, number(rule.major()), next);
    }
    if (rule.minor() != DeviceRule.ANY) {
      asm.jumpIfNotEqual(Register.R5, number(rule.minor()), next);
    }
    asm.movImm32(Register.R0, rule.allow() ? 1 : 0).exit();
    block++;
  }

  private Program finish(boolean defaultAllow) {
    return asm.bind(label(block)).movImm32(Register.R0, defaultAllow ? 1 : 0).exit().assemble();
  }

  private static Assembler.Label label(int block) {
    return new Assembler.Label("block-" + block);
  }

  private static int access(String access) {
    int bits = 0;
    bits |= access.indexOf('r') >= 0 ? ACC_READ : 0;
    bits |= access.indexOf('w') >= 0 ? ACC_WRITE : 0;
    bits |= access.indexOf('m') >= 0 ? ACC_MKNOD : 0;
    return bits;
  }

  /**
   * The kernel compares the u32 number against the sign-extended immediate in 64 bits, so a
   * number above 2^31 - 1 could never match; device numbers are far smaller (major < 2^12,
   * minor < 2^20), and anything larger is refused rather than silently never matched.
   */
  private static int number(long value) {
    if (value > Integer.MAX_VALUE) {
      throw new CgroupException("device number " + value + " is too large for a device rule");
    }
    return (int) value;
  }
}
