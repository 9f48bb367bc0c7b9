package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #3 item 6: after {@code run} returns, and after the host {@code rustyrun} is killed
 * with SIGKILL mid-run, no process of the container survives, no mount is left on the host,
 * and the state directory is removed (by {@code run}, or by the next command that finds it
 * stale).
 */
@ConformanceTest
class TeardownIT {
  private static final Duration GRACE = Duration.ofSeconds(10);

  @Test
  void nothingIsLeftAfterRunReturns() throws Exception {
    HostTraces before = HostTraces.capture();
    Path bindSource = Files.createDirectories(TestEnvironment.workDir().resolve("teardown-bind"));
    // PID 1 exits at once, leaving two background sleeps: they must die with the namespace.
    Container container = Container.busybox().mount(Mount.bind(bindSource, "/mnt/bound"))
        .args("sh", "-c", "readlink /proc/self/ns/pid; sleep 1000 & sleep 1000 & echo started");

    RunResult result = container.run();

    assertThatRun(result).succeeded().stdoutLines().contains("started");
    String pidNamespace = result.stdoutLines().getFirst();
    assertThat(HostProcesses.inPidNamespace(pidNamespace)).as(result.describe()).isEmpty();
    before.assertNothingLeftBehind(GRACE, container.directory(), BusyboxRootfs.path(), bindSource);
  }

  @Test
  void stateDirectoryExistsWhileRunningAndIsRemovedAfter() {
    HostTraces before = HostTraces.capture();
    try (RunningContainer container = Container.busybox()
        .args("sh", "-c", "echo ready; sleep 1000 & wait").start()) {
      container.awaitStdout("ready", Duration.ofSeconds(30));

      // One directory per container under the state root (ARCHITECTURE.md, "Lifecycle").
      assertThat(before.newStateEntries())
          .as("new entries of " + TestEnvironment.stateRoot() + " while the container runs")
          .hasSize(1);
      HostProcesses.signal(container.containerInit(), "KILL");
      assertThatRun(container.awaitExit(GRACE)).exitedWith(137);
    }
    before.assertNothingLeftBehind(GRACE, BusyboxRootfs.path());
  }

  @Test
  void nothingIsLeftAfterRustyrunIsKilled() throws Exception {
    HostTraces before = HostTraces.capture();
    Path bindSource = Files.createDirectories(TestEnvironment.workDir().resolve("teardown-kill"));
    Container container = Container.busybox().mount(Mount.bind(bindSource, "/mnt/bound"))
        .args("sh", "-c", "echo ready; sleep 1000 & sleep 1000 & wait");
    List<Long> tree;
    String pidNamespace;
    try (RunningContainer running = container.start()) {
      running.awaitStdout("ready", Duration.ofSeconds(30));
      tree = running.processTree();
      pidNamespace = running.containerPidNamespace();

      running.signal("KILL");

      awaitAllDead(tree, pidNamespace);
    }
    // The SIGKILLed run could not remove its state directory: the next command must.
    assertThatRun(Container.busybox().args("true").run()).succeeded();
    before.assertNothingLeftBehind(GRACE, container.directory(), BusyboxRootfs.path(), bindSource);
  }

  /** Waits until every pid of the tree and of the namespace is gone, else fails naming them. */
  private static void awaitAllDead(List<Long> tree, String pidNamespace) {
    long deadline = System.nanoTime() + GRACE.toNanos();
    while (System.nanoTime() < deadline) {
      if (tree.stream().noneMatch(HostProcesses::isAlive)
          && HostProcesses.inPidNamespace(pidNamespace).isEmpty()) {
        return;
      }
      RunningContainer.sleep(Duration.ofMillis(100));
    }
    List<String> survivors = java.util.stream.Stream.concat(
            tree.stream().filter(HostProcesses::isAlive),
            HostProcesses.inPidNamespace(pidNamespace).stream())
        .distinct().map(pid -> pid + " " + HostProcesses.commandLine(pid)).toList();
    throw new AssertionError("survived SIGKILL of rustyrun for " + GRACE + ": " + survivors);
  }
}
