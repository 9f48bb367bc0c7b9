package io.rustyrun.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SyscallTableTest {
  private static final SyscallTable X86_64 = SyscallTable.load(Arch.X86_64);
  private static final SyscallTable AARCH64 = SyscallTable.load(Arch.AARCH64);

  @Test
  void x86_64NumbersMatchTheKernelAbi() {
    Map<String, Integer> expected = Map.of("read", 0, "write", 1, "mkdir", 83, "personality", 135,
        "unshare", 272, "seccomp", 317, "clone3", 435, "mseal", 462, "uretprobe", 335, "file_setattr", 469);
    expected.forEach((name, nr) -> assertThat(X86_64.number(name)).as(name).isEqualTo(OptionalInt.of(nr)));
    assertThat(X86_64.number("_llseek")).isEmpty();
    assertThat(X86_64.size()).isGreaterThan(370);
  }

  @Test
  void aarch64UsesTheGenericNumbering() {
    Map<String, Integer> expected = Map.of("io_setup", 0, "mkdirat", 34, "openat", 56, "read", 63, "write", 64,
        "exit_group", 94, "clone", 220, "execve", 221, "mmap", 222, "clone3", 435);
    expected.forEach((name, nr) -> assertThat(AARCH64.number(name)).as(name).isEqualTo(OptionalInt.of(nr)));
    // The generic ABI has only the *at variants and no i386 leftovers.
    assertThat(AARCH64.number("mkdir")).isEmpty();
    assertThat(AARCH64.number("open")).isEmpty();
    assertThat(AARCH64.number("arch_prctl")).isEmpty();
    assertThat(AARCH64.number("mseal")).hasValue(462);
  }

  /** The committed table agrees with the headers it was generated from, when they are installed. */
  @Test
  void x86_64TableMatchesThisMachinesHeaders() throws IOException {
    Path header = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
    assumeTrue(Files.isReadable(header), "no x86_64 kernel headers (linux-libc-dev) installed");
    Matcher m = Pattern.compile("#define __NR_(\\w+) (\\d+)").matcher(Files.readString(header));
    int count = 0;
    while (m.find()) {
      assertThat(X86_64.number(m.group(1))).as(m.group(1)).hasValue(Integer.parseInt(m.group(2)));
      count++;
    }
    assertThat(count).isGreaterThan(300);
  }

  @Test
  void knownNamesCoverEveryArchitecture() {
    KnownSyscalls known = KnownSyscalls.load();

    assertThat(known.contains("mkdir")).isTrue();
    assertThat(known.contains("mkdirat")).isTrue();
    assertThat(known.contains("vm86")).isTrue(); // i386
    assertThat(known.contains("cacheflush")).isTrue(); // arm private
    assertThat(known.contains("swapcontext")).isTrue(); // ppc
    assertThat(known.contains("s390_runtime_instr")).isTrue();
    assertThat(known.contains("mkdri")).isFalse();
    assertThat(known.contains("unused18")).isFalse();
  }

  @Test
  void hostArchitectureIsOneWithATable() {
    String osArch = System.getProperty("os.arch");
    assumeTrue(osArch.equals("amd64") || osArch.equals("aarch64"), "runs on x86_64 and aarch64");

    assertThat(Arch.host()).isEqualTo(osArch.equals("amd64") ? Arch.X86_64 : Arch.AARCH64);
  }
}
