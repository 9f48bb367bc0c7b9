package io.rustyrun.runtime.seccomp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs a compiled filter in a small C program and makes one syscall under it, e.g.
 *
 * <pre>{@code
 * KernelHarness harness = KernelHarness.compile(tempDir);   // null when gcc is missing
 * Outcome o = harness.run(program, 0, dir, "mkdir", "s:" + dir.resolve("x"), "0755");
 * assertThat(o.errno()).isEqualTo(1);
 * }</pre>
 *
 * <p>Installing a filter in the test JVM would filter the JVM itself, so a separate process does
 * it: it reads the filter, sets no_new_privs (required without CAP_SYS_ADMIN, seccomp(2)), calls
 * seccomp(SECCOMP_SET_MODE_FILTER), then makes the syscall through syscall(2) and reports with
 * one write(2) and exit_group(2), which the filters under test must allow. Arguments are numbers
 * (strtoull, so hex works) or {@code s:text} for a pointer to a string. The syscall is a number,
 * {@code x32:N} (N with __X32_SYSCALL_BIT) or {@code i386:N} (through {@code int $0x80}).
 */
final class KernelHarness {
  private static final String SOURCE = """
      #define _GNU_SOURCE
      #include <errno.h>
      #include <stdio.h>
      #include <stdlib.h>
      #include <string.h>
      #include <unistd.h>
      #include <sys/prctl.h>
      #include <sys/resource.h>
      #include <sys/syscall.h>
      #include <linux/filter.h>
      #include <linux/seccomp.h>

      static long arg(const char *s) {
        return strncmp(s, "s:", 2) == 0 ? (long) (s + 2) : (long) strtoull(s, NULL, 0);
      }

      int main(int argc, char **argv) {
        if (argc < 4) { fprintf(stderr, "usage: harness filter|- flags nr [args]\\n"); return 2; }
        static struct sock_filter code[4096];
        struct sock_fprog prog = { 0, code };
        if (strcmp(argv[1], "-") != 0) {
          FILE *f = fopen(argv[1], "rb");
          if (!f) { perror("open filter"); return 2; }
          prog.len = fread(code, sizeof code[0], 4096, f);
          fclose(f);
        }
        int i386 = strncmp(argv[3], "i386:", 5) == 0, x32 = strncmp(argv[3], "x32:", 4) == 0;
        long nr = strtol(argv[3] + (i386 ? 5 : x32 ? 4 : 0), NULL, 0) | (x32 ? 0x40000000L : 0);
        long a[6] = { 0 };
        for (int i = 4; i < argc && i < 10; i++) a[i - 4] = arg(argv[i]);
        struct rlimit no_core = { 0, 0 };
        setrlimit(RLIMIT_CORE, &no_core);
        if (prog.len > 0) {
          if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) { perror("no_new_privs"); return 2; }
          if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, strtoul(argv[2], NULL, 0), &prog)) {
            perror("seccomp"); return 3;
          }
        }
        long ret;
        errno = 0;
        if (i386) {
      #ifdef __x86_64__
          __asm__ volatile ("int $0x80" : "=a" (ret) : "a" (nr) : "memory");
          if (ret < 0 && ret > -4096) { errno = -ret; ret = -1; }
      #else
          ret = -1; errno = ENOSYS;
      #endif
        } else {
          ret = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        }
        int err = ret == -1 ? errno : 0;
        char out[64];
        int n = snprintf(out, sizeof out, "ret=%ld errno=%d\\n", ret, err);
        write(1, out, n);
        _exit(0);
      }
      """;
  private static final Pattern RESULT = Pattern.compile("ret=(-?\\d+) errno=(\\d+)");
  /** What {@code Process.exitValue()} reports for a process killed by SIGSYS: 128 + 31. */
  static final int KILLED_BY_SIGSYS = 128 + 31;

  /** What the process printed and how it ended; {@code ret} and {@code errno} are -1 without output. */
  record Outcome(int exitStatus, long ret, int errno, String stderr) {}

  private final Path executable;
  private final Path workDir;

  private KernelHarness(Path executable, Path workDir) {
    this.executable = executable;
    this.workDir = workDir;
  }

  /** Compiles the harness with gcc; {@code null} when gcc is not installed. */
  static KernelHarness compile(Path dir) throws IOException, InterruptedException {
    if (!onPath("gcc")) {
      return null;
    }
    Path source = Files.writeString(dir.resolve("harness.c"), SOURCE);
    Path executable = dir.resolve("harness");
    Process gcc = new ProcessBuilder("gcc", "-O1", "-o", executable.toString(), source.toString())
        .redirectErrorStream(true).start();
    String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (gcc.waitFor() != 0) {
      throw new IllegalStateException("gcc failed:\n" + output);
    }
    return new KernelHarness(executable, dir);
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code syscall} under {@code program}; a {@code null} program installs no filter. */
  Outcome run(SeccompProgram program, int flags, String syscall, String... args)
      throws IOException, InterruptedException {
    String filter = "-";
    if (program != null) {
      Path file = Files.createTempFile(workDir, "filter", ".bpf");
      Files.write(file, program.bytes());
      filter = file.toString();
    }
    List<String> command = new ArrayList<>(List.of(executable.toString(), filter, Integer.toString(flags), syscall));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("the harness hung");
    }
    Matcher m = RESULT.matcher(out);
    return m.find()
        ? new Outcome(p.exitValue(), Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)), err)
        : new Outcome(p.exitValue(), -1, -1, err);
  }
}
