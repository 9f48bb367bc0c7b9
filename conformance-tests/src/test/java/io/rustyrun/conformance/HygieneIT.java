package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue #3 item 5: nothing of the JVM stages leaks into the container or onto the host
 * (ARCHITECTURE.md, fact 5): no inherited fds, no blocked or ignored signals, no hsperfdata
 * files, and the child and init stages never load Jackson or picocli.
 */
@ConformanceTest
class HygieneIT {
  /**
   * The launcher appends this variable's value to the child and init stage JVM command lines
   * (not to the host CLI JVM). The test uses it to turn on class-load logging in the stages.
   */
  static final String STAGE_JAVA_OPTS = "RUSTYRUN_STAGE_JAVA_OPTS";

  @Test
  void onlyStdioFdsAreOpenInPid1() {
    // ls runs as PID 1's child and lists PID 1's table, so ls's own directory fd is not in it;
    // "exit 0" stops sh from exec'ing ls in its own place.
    RunResult result = Container.busybox().args("sh", "-c", "ls /proc/1/fd; exit 0").run();

    assertThatRun(result).succeeded().stdoutLines().containsExactly("0", "1", "2");
  }

  @Test
  void signalMaskAndIgnoredSetAreEmpty() {
    // grep is exec'd by init directly: its mask and ignored set are exactly what init left
    // (execve keeps both). The JVM blocks SIGQUIT and glibc's posix_spawn ignores signal 32.
    RunResult result = Container.busybox().args("grep", "^Sig[BI]", "/proc/self/status").run();

    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "SigBlk:\t0000000000000000", "SigIgn:\t0000000000000000");
  }

  @Test
  void noHsperfdataFilesAppearOnTheHostOrInTheRootfs() {
    Set<String> before = hsperfdataFiles();
    try (RunningContainer container =
        Container.busybox().args("sh", "-c", "ls -a /tmp; echo ready; sleep 1000 & wait").start()) {
      container.awaitStdout("ready", Duration.ofSeconds(30));
      // While running: no perf-data file for any stage (a JVM deletes its own only on exit).
      List<Long> stages = container.processTree();
      assertThat(hsperfdataFiles()).as("stage pids " + stages)
          .noneMatch(file -> stages.stream().anyMatch(pid -> file.endsWith("/" + pid)));
      HostProcesses.signal(container.containerInit(), "KILL");
      RunResult result = container.awaitExit(Duration.ofSeconds(15));

      // init execs the target, so its JVM never deletes its file ("/tmp/hsperfdata_root/1").
      Set<String> after = hsperfdataFiles();
      after.removeAll(before);
      assertThat(after).as("new hsperfdata files whose JVM is gone\n" + result.describe())
          .allMatch(file -> isLiveJvm(file) && !file.endsWith("/1"));
      assertThat(result.stdout()).as(result.describe()).doesNotContain("hsperfdata");
    }
  }

  @Test
  void childAndInitStagesNeverLoadJacksonOrPicocli() throws IOException {
    Path logs = Files.createDirectories(
        TestEnvironment.workDir().resolve("class-load-" + System.nanoTime()));
    // A host path works for init too: -Xlog opens the file at JVM start, before pivot_root,
    // and keeps the fd. filecount=0 turns off rotation, which would reopen by path.
    String logOption = "-Xlog:class+load=info:file=" + logs + "/stage-%p.log::filecount=0";

    RunResult result = Container.busybox().launcherEnv(STAGE_JAVA_OPTS, logOption)
        .args("true").run();

    assertThatRun(result).succeeded();
    List<Path> files = list(logs);
    // init's JVM is PID 1 of the new namespace; the child's has a host pid. Without both files
    // the launcher ignored the variable and the test must not pass silently.
    assertThat(files).as("class-load logs of the stages (" + STAGE_JAVA_OPTS + " honoured?)")
        .hasSizeGreaterThanOrEqualTo(2)
        .anyMatch(file -> file.getFileName().toString().equals("stage-1.log"));
    for (Path file : files) {
      String log = Files.readString(file);
      assertThat(log).as(file.toString()).contains("java.lang.Object")
          .doesNotContain("com.fasterxml.jackson").doesNotContain("picocli");
    }
  }

  /** Every {@code /tmp/hsperfdata_<user>/<pid>} file on the host. */
  private static Set<String> hsperfdataFiles() {
    Set<String> files = new TreeSet<>();
    for (Path dir : list(Path.of("/tmp"))) {
      if (dir.getFileName().toString().startsWith("hsperfdata_")) {
        list(dir).forEach(file -> files.add(file.toString()));
      }
    }
    return files;
  }

  /** An hsperfdata file named by the pid of a live host JVM (another build on this host). */
  private static boolean isLiveJvm(String file) {
    String name = file.substring(file.lastIndexOf('/') + 1);
    return name.matches("\\d+") && HostProcesses.isAlive(Long.parseLong(name))
        && HostProcesses.commandLine(Long.parseLong(name)).contains("java");
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
