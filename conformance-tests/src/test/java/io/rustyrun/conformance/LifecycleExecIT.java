package io.rustyrun.conformance;

import static io.rustyrun.conformance.LifecycleFixture.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Issue #5 item 2, continued: the commands clients run against a live container ({@code exec},
 * {@code ps}, {@code list}) and the JSON error log conmon and containerd read.
 */
@ConformanceTest
class LifecycleExecIT {
  private LifecycleFixture fx;
  private RuntimeCli cli;
  private OciBundle bundle;
  private long initPid;

  @BeforeEach
  void setUp(TestInfo info) {
    fx = LifecycleFixture.forTest(info);
    cli = fx.cli();
    bundle = fx.bundle("bundle", SERVICE);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void execReturnsTheExitCodeAndRunsInInitsPidNamespace() {
    startService();

    CommandOutput exec = cli.run("exec", "c1", "sh", "-c", "readlink /proc/self/ns/pid; exit 4");

    assertThat(exec.exitCode()).as(exec.describe()).isEqualTo(4);
    assertThat(exec.stdoutLines())
        .as(exec.describe())
        .containsExactly(HostProcesses.namespace(initPid, "pid").orElseThrow());
  }

  @Test
  void execDetachWritesThePidFileAndReturns() {
    startService();
    Path pidFile = fx.dir().resolve("exec.pid");

    CommandOutput exec =
        cli.run("exec", "--detach", "--pid-file", pidFile.toString(), "c1", "sleep", "300");

    assertThat(exec.exitCode()).as(exec.describe()).isZero();
    String pidText = LifecycleFixture.read(pidFile);
    assertThat(pidText).as("exec pid file").matches("[1-9][0-9]*");
    long pid = Long.parseLong(pidText);
    // The pid is the exec'd process itself; it may still be finishing its execve.
    assertThat(Eventually.poll(
            LifecycleFixture.WAIT, () -> HostProcesses.commandLine(pid), "sleep 300"::equals))
        .as("pid " + pid + " from the pid file").isEqualTo("sleep 300");
    assertThat(HostProcesses.namespace(pid, "pid"))
        .isEqualTo(HostProcesses.namespace(initPid, "pid"));
  }

  @Test
  void execDetachOfAMissingProgramFailsAtOnce() {
    startService();
    Path pidFile = fx.dir().resolve("exec.pid");

    CommandOutput exec =
        cli.run("exec", "--detach", "--pid-file", pidFile.toString(), "c1", "/no/such/program");

    // conmon and the shim report only what exec --detach itself says: a late failure is lost.
    assertThat(exec.exitCode()).as(exec.describe()).isEqualTo(127);
    assertThat(exec.stderr()).contains("\"/no/such/program\"");
  }

  @Test
  void execRunsTheProcessOfAJsonFile() throws IOException {
    startService();
    Path process = fx.dir().resolve("process.json");
    Files.writeString(
        process,
        SpecWriter.json(OciBundle.process(
            List.of("sh", "-c", "echo from-process-file $(hostname); exit 7"))));

    CommandOutput exec = cli.run("exec", "--process", process.toString(), "c1");

    assertThat(exec.exitCode()).as(exec.describe()).isEqualTo(7);
    assertThat(exec.stdoutLines()).containsExactly("from-process-file rr-lifecycle");
  }

  @Test
  void psListsInitsPidAsJson() {
    startService();

    CommandOutput ps = cli.run("ps", "--format", "json", "c1");

    assertThat(ps.exitCode()).as(ps.describe()).isZero();
    // containerd's shim decodes a JSON array of host pids, e.g. [19450].
    assertThat(ps.stdout().strip()).as(ps.describe()).matches("\\[\\s*\\d+(\\s*,\\s*\\d+)*\\s*]");
    List<Long> pids =
        Arrays.stream(ps.stdout().strip().replaceAll("[\\[\\]\\s]", "").split(","))
            .map(Long::parseLong)
            .toList();
    assertThat(pids).contains(initPid);
  }

  @Test
  void listQuietPrintsTheIds() {
    startService();
    fx.created(fx.bundle("other", SERVICE), "c2");

    CommandOutput list = cli.run("list", "-q");

    assertThat(list.exitCode()).as(list.describe()).isZero();
    assertThat(list.stdoutLines()).as(list.describe()).containsExactlyInAnyOrder("c1", "c2");
  }

  @Test
  void errorsGoToTheLogAsJsonLines() {
    Path log = fx.dir().resolve("log.json");

    // containerd's order: --root R --log F --log-format json COMMAND
    CommandOutput start =
        cli.runWithGlobals(
            List.of("--log", log.toString(), "--log-format", "json"), "start", "no-such-id");

    assertThat(start.exitCode()).as(start.describe()).isEqualTo(125);
    List<String> lines = LifecycleFixture.read(log).lines().toList();
    assertThat(lines).as("log lines").isNotEmpty();
    assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{\"level\":\"error\",\"msg\":\""));
    assertThat(lines).anySatisfy(
        line -> assertThat(line).contains("container \\\"no-such-id\\\" does not exist"));
  }

  private void startService() {
    initPid = fx.created(bundle, "c1");
    fx.started("c1", bundle);
    RunningContainer.sleep(Duration.ofMillis(100));
  }
}
