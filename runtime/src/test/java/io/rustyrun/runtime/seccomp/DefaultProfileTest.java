package io.rustyrun.runtime.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rustyrun.runtime.SeccompResolver;
import io.rustyrun.runtime.seccomp.BpfInterpreter.SeccompData;
import io.rustyrun.runtime.seccomp.KernelHarness.Outcome;
import io.rustyrun.spec.SeccompSpec;
import io.rustyrun.spec.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed default profile (podman's, resolved for x86_64 and podman's 11 capabilities)
 * loads through the spec module, resolves, compiles for both architectures and behaves as
 * podman's filter does.
 */
class DefaultProfileTest {
  private static final int ALLOW = 0x7fff0000;
  private static final int EPERM = 0x00050001;
  private static final int EINVAL = 0x00050016;
  private static final int ENOSYS = 0x00050026;

  @TempDir static Path dir;
  private static SeccompConfig config;

  @BeforeAll
  static void loadProfile() throws IOException {
    String profile;
    try (InputStream in = SeccompCompiler.class.getResourceAsStream("default-profile.json")) {
      profile = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path spec = Files.writeString(dir.resolve("config.json"), """
        {"ociVersion": "1.2.0", "process": {"args": ["sh"], "cwd": "/"}, "root": {"path": "rootfs"},
         "linux": {"namespaces": [{"type": "mount"}], "seccomp": %s}}
        """.formatted(profile));
    SeccompSpec seccomp = new SpecLoader().load(spec).linux().seccomp();
    config = new SeccompResolver(KnownSyscalls.load(), SyscallTable.load(Arch.X86_64)).resolve(seccomp);
  }

  private static int verdict(SyscallTable table, String syscall, long... args) {
    byte[] program = new SeccompCompiler(table).compile(config).bytes();
    return BpfInterpreter.run(program, SeccompData.of(table.arch(), table.number(syscall).orElseThrow(), args));
  }

  @Test
  void decidesAsPodmansFilterOnX86_64() {
    SyscallTable t = SyscallTable.load(Arch.X86_64);

    assertThat(verdict(t, "mkdir")).isEqualTo(ALLOW);
    assertThat(verdict(t, "clone3")).isEqualTo(ALLOW);
    assertThat(verdict(t, "chroot")).isEqualTo(ALLOW); // CAP_SYS_CHROOT is among podman's capabilities
    assertThat(verdict(t, "arch_prctl")).isEqualTo(ALLOW); // includes.arches: amd64
    assertThat(verdict(t, "acct")).isEqualTo(EPERM); // CAP_SYS_PACCT is not
    assertThat(verdict(t, "kexec_load")).isEqualTo(EPERM);
    assertThat(verdict(t, "bpf")).isEqualTo(EPERM);
    assertThat(verdict(t, "open_by_handle_at")).isEqualTo(EPERM);
    assertThat(verdict(t, "add_key")).isEqualTo(ENOSYS); // listed nowhere
    assertThat(verdict(t, "socket", 16, 3, 9)).isEqualTo(EINVAL);
    assertThat(verdict(t, "socket", 2, 1, 0)).isEqualTo(ALLOW);
    assertThat(verdict(t, "personality", 0x20008)).isEqualTo(ALLOW);
    assertThat(verdict(t, "personality", 0x400000)).isEqualTo(ENOSYS);
  }

  @Test
  void compilesForAarch64WithoutTheX86OnlyNames() {
    SyscallTable t = SyscallTable.load(Arch.AARCH64);
    SeccompProgram program = new SeccompCompiler(t).compile(config);

    assertThat(program.skippedNames()).contains("arch_prctl", "mkdir", "open", "vm86");
    assertThat(verdict(t, "mkdirat")).isEqualTo(ALLOW);
    assertThat(verdict(t, "acct")).isEqualTo(EPERM);
  }

  @Test
  void fitsTheKernelWithRoomToSpare() {
    SeccompProgram program = new SeccompCompiler(SyscallTable.load(Arch.X86_64)).compile(config);

    assertThat(program.instructionCount()).isBetween(600, 1200);
    assertThat(program.skippedNames()).contains("_llseek", "chown32", "swapcontext", "vm86");
  }

  @Test
  void theKernelEnforcesIt() throws Exception {
    assumeTrue(Arch.host() == Arch.X86_64, "the profile is resolved for x86_64");
    KernelHarness harness = KernelHarness.compile(dir);
    assumeTrue(harness != null, "gcc is not installed: cannot build the seccomp harness");
    SyscallTable t = SyscallTable.load(Arch.X86_64);
    SeccompProgram program = new SeccompCompiler(t).compile(config);
    Path made = dir.resolve("made");

    Outcome mkdir = harness.run(program, config.flagBits(), nr(t, "mkdir"), "s:" + made, "0755");
    assertThat(mkdir.ret()).as(mkdir.stderr()).isZero();
    assertThat(made).isDirectory();
    assertThat(harness.run(program, 0, nr(t, "acct"), "0").errno()).isEqualTo(1);
    assertThat(harness.run(program, 0, nr(t, "kexec_load"), "0", "0", "0", "0").errno()).isEqualTo(1);
    assertThat(harness.run(program, 0, nr(t, "add_key"), "0", "0", "0", "0", "0").errno()).isEqualTo(38);
    assertThat(harness.run(program, 0, nr(t, "socket"), "16", "3", "9").errno()).isEqualTo(22);
    // podman's profile allows unshare, mount and keyctl: inside podman containers they fail for
    // want of CAP_SYS_ADMIN, not because of seccomp. unshare(0) changes nothing.
    assertThat(harness.run(program, 0, nr(t, "unshare"), "0").errno()).isZero();
  }

  private static String nr(SyscallTable t, String name) {
    return Integer.toString(t.number(name).orElseThrow());
  }
}
