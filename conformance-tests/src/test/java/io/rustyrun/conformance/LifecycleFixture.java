package io.rustyrun.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.TestInfo;

/**
 * One lifecycle test's directory, private state root and the steps every such test repeats.
 *
 * <pre>{@code
 * LifecycleFixture fx = LifecycleFixture.forTest(testInfo);
 * OciBundle bundle = fx.bundle("main", LifecycleFixture.SERVICE);
 * long pid = fx.created(bundle, "c1");        // asserts create succeeded, returns init's pid
 * fx.started("c1", bundle);                   // asserts start succeeded and the program ran
 * fx.close();                                 // delete --force of everything created
 * }</pre>
 */
final class LifecycleFixture implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * A long-running program: marks that it ran, prints a line to its stdout, and records a TERM
   * in the host directory before exiting 0 (PID 1 ignores TERM unless it has a handler).
   */
  static final String SERVICE =
      "echo started > /mnt/marker; echo out-line; "
          + "trap 'echo term > /mnt/term; exit 0' TERM; "
          + "while :; do sleep 0.1; done";

  /** A program that runs until the test creates {@code go} in the host directory. */
  static final String UNTIL_GO =
      "echo started > /mnt/marker; while [ ! -e /mnt/go ]; do sleep 0.1; done; exit 0";

  private final Path dir;
  private final RuntimeCli cli;

  private LifecycleFixture(Path dir) {
    this.dir = dir;
    this.cli = RuntimeCli.under(dir);
  }

  /** A fresh directory named after the test method under {@code work/lifecycle}. */
  static LifecycleFixture forTest(TestInfo info) {
    String name =
        info.getTestClass().map(Class::getSimpleName).orElse("Lifecycle")
            + "-" + info.getTestMethod().map(m -> m.getName()).orElse("test")
            + "-" + System.nanoTime();
    return new LifecycleFixture(TestEnvironment.workDir().resolve("lifecycle").resolve(name));
  }

  RuntimeCli cli() {
    return cli;
  }

  Path dir() {
    return dir;
  }

  /** A bundle in {@code dir/NAME} running {@code sh -c SCRIPT}. */
  OciBundle bundle(String name, String script) {
    return OciBundle.create(dir.resolve(name), "sh", "-c", script);
  }

  /** Runs create and asserts it succeeded; returns the pid from the pid file. */
  long created(OciBundle bundle, String id) {
    CommandOutput create = cli.create(bundle, id);
    assertThat(create.exitCode()).as(create.describe()).isZero();
    return Long.parseLong(read(RuntimeCli.pidFile(bundle, id)).strip());
  }

  /** Runs start, asserts it succeeded and waits for the program's marker file. */
  void started(String id, OciBundle bundle) {
    CommandOutput start = cli.run("start", id);
    assertThat(start.exitCode()).as(start.describe()).isZero();
    awaitFile(bundle.hostFile("marker"));
  }

  /** Waits until {@code file} exists; fails naming it otherwise. */
  static void awaitFile(Path file) {
    Eventually.poll(WAIT, () -> Files.exists(file), Boolean::booleanValue);
    assertThat(file).as("written by the container program within " + WAIT).exists();
  }

  /** Polls {@code state ID} until it reports {@code status}; returns the last status seen. */
  String awaitStatus(String id, String status) {
    return Eventually.poll(WAIT, () -> statusOrError(id), status::equals);
  }

  /** Every rustyrun JVM on this root (other than {@code except}), allowing 2 s to exit. */
  List<String> lingeringRustyrunProcesses(Optional<Long> except) {
    List<Long> pids =
        Eventually.poll(Duration.ofSeconds(2), () -> cli.rustyrunProcesses(except), List::isEmpty);
    return pids.stream().map(pid -> pid + ": " + HostProcesses.commandLine(pid)).toList();
  }

  /** The parent pid of {@code pid}, from {@code /proc/PID/status}. */
  static long parentOf(long pid) {
    return HostProcesses.statusField(pid, "PPid")
        .map(Long::parseLong)
        .orElseThrow(() -> new AssertionError("pid " + pid + " is gone"));
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static void touch(Path file) {
    try {
      Files.writeString(file, "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  @Override
  public void close() {
    cli.close();
    // Whatever delete --force left (a broken runtime): never let it outlive the test.
    HostProcesses.killAll(cli.rustyrunProcesses(Optional.empty()));
  }

  private String statusOrError(String id) {
    CommandOutput state = cli.run("state", id);
    return state.exitCode() == 0
        ? OciState.parse(state.stdout()).status()
        : "state failed: " + state.stderr().strip();
  }
}
