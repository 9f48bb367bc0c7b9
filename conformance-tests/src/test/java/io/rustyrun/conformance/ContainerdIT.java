package io.rustyrun.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Issue #5 item 7: containerd 1.6's runc shim drives {@code ./rustyrun} through {@code ctr run
 * --runc-binary} (OCI-CLIENTS.md section 3: global {@code --root --log --log-format json}
 * before every command; create, start, exec --process --detach, ps --format json, kill, delete
 * then delete --force).
 *
 * <p>A private containerd is started for the class; the image is the busybox rootfs packed as
 * a docker-save archive and imported with {@code ctr images import}.
 */
@ConformanceTest
class ContainerdIT {
  static final String IMAGE = "localhost/rustyrun-it/busybox:latest";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SERVICE = "trap 'exit 0' TERM; while :; do sleep 0.1; done";

  private static ContainerdDaemon daemon;
  private static ClientCommand clients;
  private final List<String> containers = new ArrayList<>();
  private String id;

  @BeforeAll
  static void containerdAndImage() {
    Optional<String> missing =
        HostPackages.ensure("containerd", "containerd", "ctr", "containerd-shim-runc-v2");
    if (missing.isPresent()) {
      abort("containerd cannot run here: " + missing.get());
    }
    try {
      daemon = ContainerdDaemon.start(
          TestEnvironment.workDir().resolve("containerd"), HostTools.find("containerd").orElseThrow());
    } catch (ContainerdDaemon.StartFailure e) {
      abort("cannot start a private containerd: " + e.getMessage());
    }
    clients = new ClientCommand(TestEnvironment.workDir().resolve("containerd/ctr"), TIMEOUT);
    CommandOutput imported =
        ctr("images", "import", BusyboxImage.dockerArchive(IMAGE).toString());
    assertThat(imported.exitCode()).as(imported.describe()).isZero();
  }

  @AfterAll
  static void stopContainerd() {
    if (daemon != null) {
      daemon.stop();
    }
  }

  @BeforeEach
  void id(TestInfo info) {
    id = "rr-it-" + info.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
  }

  @AfterEach
  void removeContainers() {
    for (String container : containers) {
      ctr("task", "kill", "-s", "SIGKILL", container);
      Eventually.poll(WAIT, () -> taskStatus(container), s -> !s.equals("RUNNING"));
      ctr("task", "delete", "--force", container);
      ctr("containers", "delete", container);
    }
  }

  @Test
  void runRmPrintsTheOutput() {
    CommandOutput run = run("--rm", "sh", "-c", "echo hello-from-ctr");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).containsExactly("hello-from-ctr");
  }

  @Test
  void theExitCodeReachesCtr() {
    CommandOutput run = run("--rm", "sh", "-c", "exit 3");

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
  }

  @Test
  void taskExecRunsInTheRunningTaskAndReturnsItsExitCode() {
    startService();

    CommandOutput exec = ctr("task", "exec", "--exec-id", "e1", id,
        "sh", "-c", "echo from-task-exec; exit 5");

    assertThat(exec.exitCode()).as(exec.describe()).isEqualTo(5);
    assertThat(exec.stdoutLines()).as(exec.describe()).containsExactly("from-task-exec");
  }

  @Test
  void taskPsListsTheInitPid() {
    startService();
    String pid = ctr("task", "ls").stdoutLines().stream()
        .filter(line -> line.startsWith(id + " "))
        .map(line -> line.split("\\s+")[1])
        .findFirst()
        .orElseThrow();

    CommandOutput ps = ctr("task", "ps", id);

    assertThat(ps.exitCode()).as(ps.describe()).isZero();
    assertThat(ps.stdoutLines()).as(ps.describe()).anyMatch(line -> line.startsWith(pid + " "));
  }

  @Test
  void taskKillStopsTheTaskWithTheProgramsStatus() {
    startService();

    CommandOutput kill = ctr("task", "kill", id);

    assertThat(kill.exitCode()).as(kill.describe()).isZero();
    assertThat(Eventually.poll(WAIT, () -> taskStatus(id), "STOPPED"::equals))
        .isEqualTo("STOPPED");
  }

  /** {@code ctr run -d} of a service that runs until TERM; asserts it is RUNNING. */
  private void startService() {
    CommandOutput run = run("-d", "sh", "-c", SERVICE);
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(Eventually.poll(WAIT, () -> taskStatus(id), "RUNNING"::equals))
        .as(ctr("task", "ls").describe()).isEqualTo("RUNNING");
  }

  /** {@code ctr run --runc-binary LAUNCHER FLAG IMAGE ID ARGS...}. */
  private CommandOutput run(String flag, String... args) {
    containers.add(id);
    return ctr(Stream.concat(
            Stream.of("run", "--runc-binary", TestEnvironment.launcher().toString(), flag, IMAGE, id),
            Stream.of(args))
        .toArray(String[]::new));
  }

  /** The STATUS column of {@code ctr task ls} for {@code container}, or "" without a task. */
  private static String taskStatus(String container) {
    return ctr("task", "ls").stdoutLines().stream()
        .filter(line -> line.startsWith(container + " "))
        .map(line -> line.split("\\s+")[2])
        .findFirst()
        .orElse("");
  }

  private static CommandOutput ctr(String... args) {
    return clients.run(daemon.ctrCommand(args));
  }
}
