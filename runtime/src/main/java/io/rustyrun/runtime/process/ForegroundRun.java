package io.rustyrun.runtime.process;

import io.rustyrun.runtime.CgroupResolver;
import io.rustyrun.runtime.ContainerExecException;
import io.rustyrun.runtime.ContainerOomException;
import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.LaunchConfigCodec;
import io.rustyrun.runtime.state.ProcessIdentity;
import io.rustyrun.runtime.state.StateStore;
import io.rustyrun.runtime.state.StateStore.ContainerDirectory;
import io.rustyrun.runtime.sys.Syscalls;
import io.rustyrun.runtime.sys.WaitStatus;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code rustyrun run}: the host stage. Starts {@code child} (which starts {@code init}), relays
 * signals and the terminal, waits for the container, removes its state, and returns the
 * container's exit status.
 *
 * <pre>{@code
 * int status = new ForegroundRun(syscalls, store, proc).run(dir -> resolver.resolve(spec, "web-1", FOREGROUND));
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

  public ForegroundRun(Syscalls syscalls, StateStore store, Path proc) {
    this.syscalls = syscalls;
    this.store = store;
    this.proc = proc;
  }

  /**
   * Runs container {@code id} to its end.
   *
   * @param configure makes the launch config, given the container's state directory (where an
   *     image-based container keeps its overlay directories)
   * @return the exit status of the container's program, 128+N if signal N killed it
   * @throws ContainerSetupException when setup failed (status 125)
   * @throws ContainerExecException when the program is missing (127) or not executable (126)
   */
  public int run(String id, Function<Path, LaunchConfig> configure) {
    ProcessIdentity self = ProcessIdentity.of(proc, syscalls.getpid()).orElseThrow();
    ContainerDirectory state = store.create(id, self);
    LaunchConfig config = null;
    try {
      config = configure.apply(state.dir());
      Trace trace = new Trace(syscalls, config.traceOrigin(), "host");
      state.write(ContainerDirectory.LAUNCH, LaunchConfigCodec.toBytes(config));
      Path launch = state.file(ContainerDirectory.LAUNCH);
      trace.step("launch config written");
      return superviseChild(config, state, launch, trace);
    } finally {
      if (config != null && !config.cgroups().isEmpty()) {
        CgroupResolver.forHost(syscalls).reopenPaths(config.cgroups()).destroy();
      }
      store.remove(state.dir());
    }
  }

  private int superviseChild(LaunchConfig config, ContainerDirectory state, Path launch, Trace trace) {
    Optional<int[]> console = config.process().terminal() ? Optional.of(syscalls.socketPair()) : Optional.empty();
    Supervision supervision = new Supervision(console.map(c -> c[0]));
    SignalForwarder forwarder = new SignalForwarder(syscalls, supervision::resize);
    forwarder.install();
    int[] sync = syscalls.pipe();
    int child;
    try {
      child = syscalls.spawn(config.stages().spawnRequest("child", launch, childFds(sync[1], console), true));
    } finally {
      syscalls.close(sync[1]);
      console.ifPresent(c -> syscalls.close(c[1]));
    }
    trace.step("child spawned");
    Outcome outcome = awaitOutcome(new SyncPipe(syscalls, sync[0]), state, forwarder, supervision, trace);
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

  private static Map<Integer, Integer> childFds(int syncWrite, Optional<int[]> console) {
    Map<Integer, Integer> fds = new HashMap<>();
    fds.put(SyncPipe.STAGE_FD, syncWrite);
    console.ifPresent(c -> fds.put(SyncPipe.CONSOLE_FD, c[1]));
    return fds;
  }

  /** Reads the sync pipe to its end: init's pid, then a failure or init's exit. */
  private Outcome awaitOutcome(SyncPipe pipe, ContainerDirectory state, SignalForwarder forwarder,
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
            trace.step("init started, pid " + started.pid());
          }
          case Message.Ready ready -> {
            supervision.startTerminal();
            trace.step("container ready");
          }
          case Message.Failed failed -> outcome.failure = failed;
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
    private Message.Failed failure;
    private WaitStatus status;

    int exitCode() {
      if (failure != null) {
        throw failure.toException();
      }
      if (status == null) {
        throw new ContainerSetupException("the child stage ended without reporting the container's exit");
      }
      return status.exitCode();
    }
  }
}
