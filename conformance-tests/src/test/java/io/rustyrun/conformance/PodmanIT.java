package io.rustyrun.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Issue #5 item 3: podman 4.3 + conmon drive {@code ./rustyrun} through {@code --runtime}
 * (OCI-CLIENTS.md section 3: create via conmon, start, kill 15/9, delete --force, exec --process
 * --detach, pause/resume, the console socket for {@code -t}).
 *
 * <p>Every assertion is on what podman prints, as a user would see it. The image is the busybox
 * rootfs imported once as {@value #IMAGE}.
 */
@ConformanceTest
class PodmanIT {
  static final String IMAGE = "localhost/rustyrun-it/busybox:latest";
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** Runs until TERM (podman stop sends 15), printing a line podman logs must show. */
  private static final String SERVICE =
      "echo logged-line; trap 'exit 0' TERM; while :; do sleep 0.1; done";

  private static ClientCommand clients;
  private final List<String> containers = new ArrayList<>();
  private String name;

  @BeforeAll
  static void podmanAndImage() {
    Optional<String> missing = HostPackages.ensure("podman", "podman", "conmon");
    assumeTrue(missing.isEmpty(), () -> "podman cannot run here: " + missing.orElse(""));
    clients = new ClientCommand(TestEnvironment.workDir().resolve("podman"), TIMEOUT);
    CommandOutput imported =
        clients.run(List.of("podman", "import", BusyboxImage.rootfsTar().toString(), IMAGE));
    assertThat(imported.exitCode()).as(imported.describe()).isZero();
  }

  @BeforeEach
  void name(TestInfo info) {
    name = "rr-it-" + info.getTestMethod().orElseThrow().getName().toLowerCase()
        + "-" + System.nanoTime();
  }

  @AfterEach
  void removeContainers() {
    for (String container : containers) {
      podman("rm", "-f", "-t", "0", container);
    }
  }

  @Test
  void runRmPrintsTheOutput() {
    CommandOutput run = run(name, "sh", "-c", "echo hello-from-podman");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).containsExactly("hello-from-podman");
  }

  @Test
  void theExitCodeReachesPodman() {
    CommandOutput run = run(name, "sh", "-c", "exit 3");

    assertThat(run.exitCode()).as(run.describe()).isEqualTo(3);
  }

  @Test
  void detachedContainerLogsStopsAndIsRemoved() {
    CommandOutput started = runDetached(name, "sh", "-c", SERVICE);
    assertThat(started.stdout().strip()).as(started.describe()).matches("[0-9a-f]{64}");

    CommandOutput logs = Eventually.poll(
        WAIT, () -> podman("logs", name), out -> out.stdout().contains("logged-line"));
    assertThat(logs.stdoutLines()).as(logs.describe()).containsExactly("logged-line");

    CommandOutput stop = podman("stop", "-t", "10", name);
    assertThat(stop.exitCode()).as(stop.describe()).isZero();
    CommandOutput inspect = podman("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", name);
    // The trap exits 0 on TERM: a 137 would mean podman had to fall back to kill 9.
    assertThat(inspect.stdout().strip()).as(inspect.describe()).isEqualTo("exited 0");

    CommandOutput rm = podman("rm", name);
    assertThat(rm.exitCode()).as(rm.describe()).isZero();
    assertThat(podman("container", "exists", name).exitCode()).as("exists after rm").isEqualTo(1);
  }

  @Test
  void execRunsInARunningContainerAndReturnsItsExitCode() {
    CommandOutput started = runDetached(name, "sh", "-c", SERVICE);
    assertThat(started.exitCode()).as(started.describe()).isZero();

    CommandOutput exec = podman("exec", name, "sh", "-c", "echo from-exec $(hostname); exit 6");

    assertThat(exec.exitCode()).as(exec.describe()).isEqualTo(6);
    assertThat(exec.stdoutLines()).as(exec.describe()).hasSize(1).first().asString()
        .startsWith("from-exec ");
  }

  @Test
  void hostnameIsSet() {
    CommandOutput run = run(name, "--hostname", "rr-podman", "hostname");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).containsExactly("rr-podman");
  }

  @Test
  @RequiresTool({"script"})
  void terminalGivesTheContainerAPty() {
    List<String> podmanRun = runCommand(name, "-t", "sh", "-c",
        "[ -t 0 ] && [ -t 1 ] && echo tty-yes || echo tty-no; tty");
    String line = String.join(" ", podmanRun.stream().map(PodmanIT::shellQuote).toList());

    // script(1) gives podman a terminal of its own, as a user's shell would.
    CommandOutput run = clients.run(List.of(HostTools.require("script"), "-qec", line, "/dev/null"));

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).as(run.describe()).contains("tty-yes").contains("/dev/pts/");
  }

  @Test
  void memoryLimitIsVisibleInside() {
    CommandOutput run = run(name, "--memory", "64m", "sh", "-c",
        "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null"
            + " || cat /sys/fs/cgroup/memory.max");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).containsExactly("67108864");
  }

  @Test
  void pidsLimitIsVisibleInside() {
    CommandOutput run = run(name, "--pids-limit", "50", "sh", "-c",
        "cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdoutLines()).as(run.describe()).containsExactly("50");
  }

  @Test
  void pauseFreezesAndUnpauseThaws() {
    CommandOutput started = runDetached(name, "sh", "-c",
        "i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.1; done");
    assertThat(started.exitCode()).as(started.describe()).isZero();
    Eventually.poll(WAIT, this::ticks, n -> n >= 3);

    CommandOutput pause = podman("pause", name);

    assertThat(pause.exitCode()).as(pause.describe()).isZero();
    assertThat(status()).isEqualTo("paused");
    long frozen = ticks();
    RunningContainer.sleep(Duration.ofMillis(1500));
    assertThat(ticks()).as("ticks while paused").isEqualTo(frozen);

    CommandOutput unpause = podman("unpause", name);

    assertThat(unpause.exitCode()).as(unpause.describe()).isZero();
    assertThat(status()).isEqualTo("running");
    assertThat(Eventually.poll(WAIT, this::ticks, n -> n > frozen + 3))
        .as("ticks after unpause").isGreaterThan(frozen + 3);
  }

  private CommandOutput run(String container, String... imageAndArgs) {
    containers.add(container);
    return clients.run(runCommand(container, imageAndArgs));
  }

  private CommandOutput runDetached(String container, String... args) {
    containers.add(container);
    return clients.run(
        runCommand(container, Stream.concat(Stream.of("-d"), Stream.of(args)).toArray(String[]::new)));
  }

  /**
   * {@code podman --runtime LAUNCHER run --rm --name N --ulimit ... [OPTIONS] IMAGE [ARGS]}:
   * the leading arguments that start with "-" are podman options, the rest the command.
   */
  private static List<String> runCommand(String container, String... optionsAndArgs) {
    List<String> command = new ArrayList<>(List.of(
        "podman", "--runtime", TestEnvironment.launcher().toString(), "run", "--name", container));
    boolean detached = List.of(optionsAndArgs).contains("-d");
    if (!detached) {
      command.add("--rm");
    }
    command.addAll(ulimits());
    int i = 0;
    while (i < optionsAndArgs.length && optionsAndArgs[i].startsWith("-")) {
      command.add(optionsAndArgs[i++]);
      if (!optionsAndArgs[i - 1].equals("-d") && !optionsAndArgs[i - 1].equals("-t")) {
        command.add(optionsAndArgs[i++]);
      }
    }
    command.add(IMAGE);
    command.addAll(List.of(optionsAndArgs).subList(i, optionsAndArgs.length));
    return command;
  }

  /**
   * Root here lacks CAP_SYS_RESOURCE, so podman's default rlimits (1048576) fail for every
   * runtime (OCI-CLIENTS.md section 2, quirk 1); the hard limits we have are always allowed.
   */
  private static List<String> ulimits() {
    String hard = hardOpenFiles();
    return List.of("--ulimit", "nofile=" + hard + ":" + hard, "--ulimit", "nproc=4096:4096");
  }

  private static String hardOpenFiles() {
    try {
      return Files.readAllLines(Path.of("/proc/self/limits")).stream()
          .filter(line -> line.startsWith("Max open files"))
          .map(line -> line.substring("Max open files".length()).strip().split("\\s+")[1])
          .findFirst()
          .orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/self/limits", e);
    }
  }

  private CommandOutput podman(String... args) {
    List<String> command = new ArrayList<>(List.of(
        "podman", "--runtime", TestEnvironment.launcher().toString()));
    command.addAll(List.of(args));
    return clients.run(command);
  }

  private long ticks() {
    return podman("logs", name).stdoutLines().stream().filter(l -> l.startsWith("tick")).count();
  }

  private String status() {
    return podman("inspect", "--format", "{{.State.Status}}", name).stdout().strip();
  }

  private static String shellQuote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
