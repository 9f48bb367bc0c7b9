package io.rustyrun.runtime.process;

import io.rustyrun.runtime.CgroupResolver;
import io.rustyrun.runtime.ContainerExecException;
import io.rustyrun.runtime.ContainerOomException;
import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.config.HookPhase;
import io.rustyrun.runtime.config.Hooks;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.LaunchConfigCodec;
import io.rustyrun.runtime.state.ProcessIdentity;
import io.rustyrun.runtime.state.StateStore;
import io.rustyrun.runtime.state.StateStore.ContainerDirectory;
import io.rustyrun.runtime.sys.Signal;
import io.rustyrun.runtime.sys.Syscalls;
import io.rustyrun.runtime.sys.WaitStatus;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code rustyrun run}: the host stage. Starts {@code child} (which starts {@code init}), relays
 * signals and the terminal, waits for the container, removes its state, and returns the
 * container's exit status.
 *
 * <pre>{@code
 * int status = new ForegroundRun(syscalls, store, proc, System.err::println)
 *     .run("web-1", dir -> resolver.resolve(spec, "web-1", FOREGROUND), hooks);
 * }</pre>
 *
 * <p>The child is spawned from the calling thread, which stays alive until the end: the child's
 * parent-death signal fires when that thread exits, so a SIGKILLed rustyrun takes the child,
 * and with it the container's init, along.
 */
public final class ForegroundRun {
  private final Syscalls syscalls;
  private final StateStore store;
  private final Path proc;
  private final Consumer<String> warnings;
  private final HookRunner hookRunner;

  /** @param warnings where failed poststart and poststop hooks are reported */
  public ForegroundRun(Syscalls syscalls, StateStore store, Path proc, Consumer<String> warnings) {
    this.syscalls = syscalls;
    this.store = store;
    this.proc = proc;
    this.warnings = warnings;
    this.hookRunner = new HookRunner(syscalls);
  }

  /**
   * Runs container {@code id} to its end.
   *
   * @param configure makes the launch config, given the container's state directory (where an
   *     image-based container keeps its overlay directories)
   * @param hooks the container's lifecycle hooks
   * @return the exit status of the container's program, 128+N if signal N killed it
   * @throws ContainerSetupException when setup failed (status 125)
   * @throws ContainerExecException when the program is missing (127) or not executable (126)
   */
  public int run(String id, Function<Path, LaunchConfig> configure, Hooks hooks) {
    ProcessIdentity self = ProcessIdentity.of(proc, syscalls.getpid()).orElseThrow();
    ContainerDirectory state = store.create(id, self);
    LaunchConfig config = null;
    try {
      config = configure.apply(state.dir());
      Trace trace = new Trace(syscalls, config.traceOrigin(), "host");
      state.write(ContainerDirectory.LAUNCH, LaunchConfigCodec.toBytes(config));
      if (!hooks.isEmpty()) {
        state.write(Hooks.FILE, hooks.toBytes());
      }
      Path launch = state.file(ContainerDirectory.LAUNCH);
      trace.step("launch config written");
      return superviseChild(config, state, launch, hooks, trace);
    } finally {
      try {
        if (config != null && !config.cgroups().isEmpty()) {
          CgroupResolver.forHost(syscalls).reopenPaths(config.cgroups()).destroy();
        }
        store.remove(state.dir());
      } finally {
        hookRunner.runAll(hooks, HookPhase.POSTSTOP, 0).forEach(warnings);
      }
    }
  }

  private int superviseChild(LaunchConfig config, ContainerDirectory state, Path launch, Hooks hooks, Trace trace) {
    Optional<int[]> console = config.process().terminal() ? Optional.of(syscalls.socketPair()) : Optional.empty();
    Supervision supervision = new Supervision(console.map(c -> c[0]));
    SignalForwarder forwarder = new SignalForwarder(syscalls, supervision::resize);
    forwarder.install();
    int[] sync = syscalls.socketPair();
    int child;
    try {
      child = syscalls.spawn(config.stages().spawnRequest("child", launch, childFds(config, sync[1], console), true));
    } finally {
      syscalls.close(sync[1]);
      console.ifPresent(c -> syscalls.close(c[1]));
    }
    trace.step("child spawned");
    Outcome outcome = awaitOutcome(new SyncPipe(syscalls, sync[0]), state, hooks, forwarder, supervision, trace);
    syscalls.waitpid(child);
    trace.step("child reaped");
    supervision.finish();
    int status = outcome.exitCode();
    if (!config.cgroups().isEmpty() && outcome.status != null && outcome.status.signaled()
        && CgroupResolver.forHost(syscalls).reopenPaths(config.cgroups()).oomKilled()) {
      throw new ContainerOomException(config.id(), status);
    }
    return status;
  }

  private static Map<Integer, Integer> childFds(LaunchConfig config, int syncWrite, Optional<int[]> console) {
    Map<Integer, Integer> fds = new HashMap<>();
    fds.put(config.process().syncFd(), syncWrite);
    console.ifPresent(c -> fds.put(config.process().consoleFd(), c[1]));
    return fds;
  }

  /**
   * Reads the sync channel to its end: init's pid, the hooks init waits for, then a failure or
   * init's exit.
   */
  private Outcome awaitOutcome(SyncPipe pipe, ContainerDirectory state, Hooks hooks, SignalForwarder forwarder,
      Supervision supervision, Trace trace) {
    Outcome outcome = new Outcome();
    try {
      Optional<Message> next;
      while ((next = pipe.receive()).isPresent()) {
        switch (next.get()) {
          case Message.InitStarted started -> {
            ProcessIdentity.of(proc, started.pid())
                .ifPresent(init -> state.write(ContainerDirectory.INIT, init.encode()));
            forwarder.target(started.pid());
            outcome.init = started.pid();
            trace.step("init started, pid " + started.pid());
          }
          case Message.HooksDue due -> runCreateHooks(pipe, hooks, outcome);
          case Message.Ready ready -> {
            outcome.ready = true;
            supervision.startTerminal();
            trace.step("container ready");
            hookRunner.runAll(hooks, HookPhase.POSTSTART, outcome.init).forEach(warnings);
          }
          case Message.Resume resume ->
              throw new ContainerSetupException("sync protocol error: a stage sent \"resume\", which only the host sends");
          case Message.Failed failed -> {
            if (outcome.failure == null) {
              outcome.failure = failed;
            }
          }
          case Message.InitExited exited -> {
            outcome.status = WaitStatus.decode(exited.waitStatus());
            trace.step("container exited");
          }
        }
      }
    } finally {
      pipe.close();
    }
    return outcome;
  }

  /**
   * The prestart and createRuntime hooks, while init waits before pivot_root. When one fails,
   * init is killed: the child then reports its end, and the run fails with the hook's error.
   */
  private void runCreateHooks(SyncPipe pipe, Hooks hooks, Outcome outcome) {
    try {
      hookRunner.runBeforePivot(hooks, outcome.init);
      pipe.send(new Message.Resume());
    } catch (ContainerSetupException e) {
      outcome.failure = Message.Failed.of(125, e);
      syscalls.kill(outcome.init, Signal.SIGKILL.number());
    }
  }

  /**
   * The terminal side of a run: init creates the pty in the container's own devpts and sends
   * its master over the console socket before it reports ready.
   */
  private final class Supervision {
    private final Optional<Integer> consoleSocket;
    private volatile TerminalRelay relay;

    Supervision(Optional<Integer> consoleSocket) {
      this.consoleSocket = consoleSocket;
    }

    void startTerminal() {
      consoleSocket.ifPresent(socket -> {
        relay = TerminalRelay.start(syscalls, syscalls.receiveFd(socket));
        syscalls.close(socket);
      });
    }

    void resize() {
      TerminalRelay r = relay;
      if (r != null) {
        r.resize();
      }
    }

    void finish() {
      if (relay != null) {
        relay.finish();
      } else {
        consoleSocket.ifPresent(syscalls::close);
      }
    }
  }

  /** What the stages reported. */
  private static final class Outcome {
    private int init;
    private boolean ready;
    private Message.Failed failure;
    private WaitStatus status;

    int exitCode() {
      if (failure != null) {
        throw failure.toException();
      }
      if (status == null) {
        throw new ContainerSetupException("the child stage ended without reporting the container's exit");
      }
      if (!ready) {
        throw endedDuringSetup(status);
      }
      return status.exitCode();
    }

    /**
     * Init ended before it was ready and without a report: it was killed. SIGSYS is what a
     * seccomp filter installed before the identity switch (no no_new_privs) sends when it
     * blocks a call the init JVM still makes.
     */
    private static ContainerSetupException endedDuringSetup(WaitStatus status) {
      if (!status.signaled()) {
        return new ContainerSetupException("init ended with status " + status.exitCode()
            + " before the container's program started, without reporting an error");
      }
      String signal = Signal.of(status.signal()).map(Enum::name).orElse("signal " + status.signal());
      return new ContainerSetupException("init was killed by " + signal + " before the container's program started"
          + (status.signal() == Signal.SIGSYS.number()
              ? ": linux.seccomp blocks a system call rustyrun's init still makes before execve"
                  + " (with process.noNewPrivileges false the filter is installed before the user switch)"
              : ""));
    }
  }
}
