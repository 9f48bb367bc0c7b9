package io.rustyrun.runtime.seccomp;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One architecture's syscall numbers by name, e.g.
 *
 * <pre>{@code
 * SyscallTable table = SyscallTable.load(Arch.X86_64);
 * table.number("mkdir");   // OptionalInt[83]
 * table.number("_llseek"); // OptionalInt.empty: i386 and arm only
 * }</pre>
 *
 * <p>The tables are generated from Debian 12's kernel headers ({@code asm/unistd_64.h}, and
 * {@code asm-generic/unistd.h} as arm64 includes it) plus the syscalls Linux 6.2 to 6.18 added;
 * {@code README.md} next to the resource files tells how to regenerate them. Loading reads a
 * small resource, so the init stage must load its table before it pivots into the container.
 */
public final class SyscallTable {
  private final Arch arch;
  private final Map<String, Integer> numbers;

  private SyscallTable(Arch arch, Map<String, Integer> numbers) {
    this.arch = arch;
    this.numbers = Map.copyOf(numbers);
  }

  public static SyscallTable load(Arch arch) {
    Map<String, Integer> numbers = new HashMap<>();
    for (String[] row : TableResource.read("syscalls-" + arch + ".txt")) {
      numbers.put(row[0], Integer.parseInt(row[1]));
    }
    return new SyscallTable(arch, numbers);
  }

  public Arch arch() {
    return arch;
  }

  /** The syscall's number on this architecture, empty when the architecture has no such syscall. */
  public OptionalInt number(String name) {
    Integer nr = numbers.get(name);
    return nr == null ? OptionalInt.empty() : OptionalInt.of(nr);
  }

  /** How many syscalls the table holds. */
  public int size() {
    return numbers.size();
  }
}
