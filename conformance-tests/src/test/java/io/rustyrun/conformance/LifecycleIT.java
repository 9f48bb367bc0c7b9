package io.rustyrun.conformance;

import static io.rustyrun.conformance.LifecycleFixture.SERVICE;
import static io.rustyrun.conformance.LifecycleFixture.UNTIL_GO;
import static io.rustyrun.conformance.LifecycleFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #5 item 2: the OCI lifecycle (create, start, state, kill, delete) as the validation
 * suite, conmon and containerd's shim use it (OCI-CLIENTS.md sections 1 and 3).
 *
 * <p>Every observation is made without rustyrun in the loop where possible: the program writes
 * marker files into a bind-mounted host directory, and processes are read from {@code /proc}.
 */
@ConformanceTest
class LifecycleIT {
  private LifecycleFixture fx;
  private RuntimeCli cli;

  @BeforeEach
  void setUp(TestInfo info) {
    fx = LifecycleFixture.forTest(info);
    cli = fx.cli();
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void createReturnsWithTheContainerCreatedAndItsProgramNotRun() {
    OciBundle bundle = fx.bundle("bundle", SERVICE);

    CommandOutput create = cli.create(bundle, "c1");

    assertThat(create.exitCode()).as(create.describe()).isZero();
    assertThat(create.stderr()).as("create's stderr on success\n" + create.describe()).isEmpty();
    assertThat(create.stdout()).as("create's stdout on success\n" + create.describe()).isEmpty();
    String pidText = LifecycleFixture.read(RuntimeCli.pidFile(bundle, "c1"));
    // The validation suite Atoi()s the file: no newline, no padding.
    assertThat(pidText).as("pid file").matches("[1-9][0-9]*");
    OciState state = cli.state("c1");
    assertThat(state.status()).as(state.json()).isEqualTo("created");
    assertThat(state.pid()).as(state.json()).isEqualTo(Long.parseLong(pidText));
    assertThat(state.id()).isEqualTo("c1");
    assertThat(state.bundle()).isEqualTo(bundle.dir().toString());
    // runc's extra field: the user owning the container's state.
    assertThat(state.json()).containsPattern("\"owner\"\\s*:\\s*\"root\"");
    assertThat(HostProcesses.isAlive(state.pid())).as("init alive after create").isTrue();
    RunningContainer.sleep(Duration.ofMillis(500));
    assertThat(bundle.hostFile("marker")).as("the program ran before start").doesNotExist();
  }

  @Test
  void createLeavesOnlyInitReparentedAwayFromRustyrun() {
    OciBundle bundle = fx.bundle("bundle", SERVICE);
    long pid = fx.created(bundle, "c1");

    // Until start, init is still the rustyrun init stage (a JVM); nothing else may remain.
    assertThat(fx.lingeringRustyrunProcesses(Optional.of(pid)))
        .as("rustyrun processes besides init after create returned").isEmpty();
    long parent = LifecycleFixture.parentOf(pid);
    assertThat(HostProcesses.commandLine(parent))
        .as("init's parent (pid " + parent + ")").doesNotContain(RuntimeCli.MAIN_CLASS);
  }

  @Test
  void createWithNoPivotRunsWithTheRootfsAsSlash() throws IOException {
    // Issue #5: --no-pivot moves the rootfs onto / and chroots (runc's msMoveRoot).
    OciBundle bundle = fx.bundle("bundle", "ls / > /mnt/root; touch /mnt/marker");

    CommandOutput create = cli.run("create", "--no-pivot", "--bundle", bundle.dir().toString(),
        "--pid-file", RuntimeCli.pidFile(bundle, "c1").toString(), "c1");

    assertThat(create.exitCode()).as(create.describe()).isZero();
    fx.started("c1", bundle);
    List<String> expected;
    try (Stream<Path> names = Files.list(BusyboxRootfs.path())) {
      expected = names.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    }
    assertThat(LifecycleFixture.read(bundle.hostFile("root")).lines().toList())
        .as("/ in a --no-pivot container").isEqualTo(expected);
  }

  @Test
  void startRunsTheProgramWithTheStdoutCreateWasGiven() {
    OciBundle bundle = fx.bundle("bundle", SERVICE);
    CommandOutput create = cli.create(bundle, "c1");
    assertThat(create.exitCode()).as(create.describe()).isZero();

    CommandOutput start = cli.run("start", "c1");

    assertThat(start.exitCode()).as(start.describe()).isZero();
    LifecycleFixture.awaitFile(bundle.hostFile("marker"));
    assertThat(cli.state("c1").status()).isEqualTo("running");
    String stdout = Eventually.poll(
        WAIT, () -> ClientCommand.read(create.stdoutFile()), text -> text.contains("out-line"));
    assertThat(stdout).as("create's stdout file, inherited by the program").contains("out-line");
    assertThat(start.stdout()).as("start's own stdout").doesNotContain("out-line");
  }

  @Test
  void startLeavesNoRustyrunProcessBehind() {
    OciBundle bundle = fx.bundle("bundle", SERVICE);
    long pid = fx.created(bundle, "c1");

    fx.started("c1", bundle);

    assertThat(fx.lingeringRustyrunProcesses(Optional.empty()))
        .as("rustyrun processes after start").isEmpty();
    assertThat(HostProcesses.commandLine(pid)).as("init after start").startsWith("sh -c");
    long parent = LifecycleFixture.parentOf(pid);
    assertThat(HostProcesses.commandLine(parent))
        .as("init's parent (pid " + parent + ")").doesNotContain(RuntimeCli.MAIN_CLASS);
  }

  /** The validation suite sends {@code TERM}, podman {@code 15}, users {@code SIGTERM}. */
  @ParameterizedTest
  @ValueSource(strings = {"TERM", "SIGTERM", "15"})
  void killDeliversTheSignalToTheProgramsTrap(String signal) {
    OciBundle bundle = fx.bundle("bundle", SERVICE);
    fx.created(bundle, "c1");
    fx.started("c1", bundle);

    CommandOutput kill = cli.run("kill", "c1", signal);

    assertThat(kill.exitCode()).as(kill.describe()).isZero();
    LifecycleFixture.awaitFile(bundle.hostFile("term"));
    assertThat(fx.awaitStatus("c1", "stopped")).isEqualTo("stopped");
  }

  @Test
  void stateIsStoppedOnceTheProgramExitsThoughNoRustyrunIsAlive() {
    OciBundle bundle = fx.bundle("bundle", UNTIL_GO);
    long pid = fx.created(bundle, "c1");
    fx.started("c1", bundle);
    assertThat(cli.state("c1").status()).isEqualTo("running");

    LifecycleFixture.touch(bundle.hostFile("go"));

    assertThat(Eventually.poll(WAIT, () -> HostProcesses.isAlive(pid), alive -> !alive))
        .as("init still alive after the program's exit").isFalse();
    assertThat(fx.lingeringRustyrunProcesses(Optional.empty())).isEmpty();
    assertThat(fx.awaitStatus("c1", "stopped")).isEqualTo("stopped");
  }

  @Test
  void deleteRemovesAStoppedContainer() {
    OciBundle bundle = fx.bundle("bundle", UNTIL_GO);
    fx.created(bundle, "c1");
    fx.started("c1", bundle);
    LifecycleFixture.touch(bundle.hostFile("go"));
    assertThat(fx.awaitStatus("c1", "stopped")).isEqualTo("stopped");

    CommandOutput delete = cli.run("delete", "c1");

    assertThat(delete.exitCode()).as(delete.describe()).isZero();
    CommandOutput state = cli.run("state", "c1");
    assertThat(state.exitCode()).as(state.describe()).isNotZero();
    assertThat(state.stderr()).contains("container \"c1\" does not exist");
    assertThat(cli.run("list", "-q").stdoutLines()).doesNotContain("c1");
  }

  @Test
  void forceDeleteSucceedsWhetherCreatedRunningStoppedOrAlreadyGone() {
    OciBundle service = fx.bundle("service", SERVICE);
    OciBundle shortLived = fx.bundle("short", UNTIL_GO);
    long created = fx.created(service, "created");
    long running = fx.created(service, "running");
    fx.started("running", service);
    fx.created(shortLived, "stopped");
    fx.started("stopped", shortLived);
    LifecycleFixture.touch(shortLived.hostFile("go"));
    assertThat(fx.awaitStatus("stopped", "stopped")).isEqualTo("stopped");

    for (String id : new String[] {"created", "running", "stopped", "stopped"}) {
      CommandOutput delete = cli.run("delete", "--force", id);
      assertThat(delete.exitCode()).as(delete.describe()).isZero();
      assertThat(cli.run("state", id).stderr()).contains("container \"" + id + "\" does not exist");
    }
    for (long pid : new long[] {created, running}) {
      assertThat(Eventually.poll(WAIT, () -> HostProcesses.isAlive(pid), alive -> !alive))
          .as("init " + pid + " alive after delete --force").isFalse();
    }
  }

  @Test
  void startOnARunningContainerFailsNamingTheStatus() {
    OciBundle bundle = fx.bundle("bundle", SERVICE);
    fx.created(bundle, "c1");
    fx.started("c1", bundle);

    CommandOutput again = cli.run("start", "c1");

    assertThat(again.exitCode()).as(again.describe()).isEqualTo(125);
    assertThat(again.stderr()).contains("\"c1\"").contains("running");
    assertThat(cli.state("c1").status()).isEqualTo("running");
  }

  @Test
  void startOnAStoppedContainerFails() {
    OciBundle bundle = fx.bundle("bundle", UNTIL_GO);
    fx.created(bundle, "c1");
    fx.started("c1", bundle);
    LifecycleFixture.touch(bundle.hostFile("go"));
    assertThat(fx.awaitStatus("c1", "stopped")).isEqualTo("stopped");

    CommandOutput again = cli.run("start", "c1");

    assertThat(again.exitCode()).as(again.describe()).isEqualTo(125);
    assertThat(again.stderr()).contains("\"c1\"").contains("stopped");
  }

  @Test
  void killOnAStoppedContainerFails() {
    OciBundle bundle = fx.bundle("bundle", UNTIL_GO);
    fx.created(bundle, "c1");
    fx.started("c1", bundle);
    LifecycleFixture.touch(bundle.hostFile("go"));
    assertThat(fx.awaitStatus("c1", "stopped")).isEqualTo("stopped");

    CommandOutput kill = cli.run("kill", "c1", "TERM");

    assertThat(kill.exitCode()).as(kill.describe()).isEqualTo(125);
    assertThat(kill.stderr()).contains("\"c1\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"start", "state", "kill", "delete"})
  void anUnknownIdDoesNotExist(String command) {
    CommandOutput output = cli.run(command, "no-such-container");

    assertThat(output.exitCode()).as(output.describe()).isEqualTo(125);
    // podman treats stderr containing "does not exist" as "container gone".
    assertThat(output.stderr()).as(output.describe())
        .contains("container \"no-such-container\" does not exist");
  }

  @Test
  void createWithAMissingBundleFailsNamingIt() {
    Path missing = fx.dir().resolve("no-such-bundle");

    CommandOutput create =
        cli.run("create", "--bundle", missing.toString(), "--pid-file",
            fx.dir().resolve("pid").toString(), "c1");

    assertThat(create.exitCode()).as(create.describe()).isEqualTo(125);
    assertThat(create.stderr()).contains("\"" + missing);
    assertThat(cli.run("state", "c1").stderr()).contains("container \"c1\" does not exist");
  }

  @Test
  void preservedFdsReachTheProgramAtTheSameNumbersAndNothingElseDoes() throws Exception {
    Path first = fx.dir().resolve("fd3.log");
    Path second = fx.dir().resolve("fd4.log");
    OciBundle bundle = fx.bundle("bundle",
        "echo to-fd3 >&3; echo to-fd4 >&4; ls /proc/self/fd > /mnt/fds; echo started > /mnt/marker");

    CommandOutput create = cli.createPreservingFds(bundle, "c1", List.of(first, second));
    assertThat(create.exitCode()).as(create.describe()).isZero();
    fx.started("c1", bundle);

    assertThat(LifecycleFixture.read(first)).isEqualTo("to-fd3\n");
    assertThat(LifecycleFixture.read(second)).isEqualTo("to-fd4\n");
    // ls's own directory fd is the one above them: nothing of rustyrun leaks past fd 4.
    assertThat(LifecycleFixture.read(bundle.hostFile("fds")).lines().map(Integer::parseInt).toList())
        .as("the program's fds").containsExactly(0, 1, 2, 3, 4, 5);
  }
}
