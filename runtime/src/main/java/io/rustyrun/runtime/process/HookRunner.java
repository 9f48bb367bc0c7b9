package io.rustyrun.runtime.process;

import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.config.HookEntry;
import io.rustyrun.runtime.config.HookPhase;
import io.rustyrun.runtime.config.Hooks;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.Signal;
import io.rustyrun.runtime.sys.SpawnRequest;
import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;
import io.rustyrun.runtime.sys.WaitStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs lifecycle hooks as runc does: each hook is spawned with the container's state JSON on
 * stdin and its stdout and stderr captured (they end up in the error when it fails), waited for
 * up to its timeout, and killed past it, with every process it started (a session of its own,
 * so the whole process group goes).
 *
 * <pre>{@code
 * new HookRunner(syscalls).run(hooks, HookPhase.CREATE_RUNTIME, initPid);  // throws on failure
 * List<String> warnings = runner.runAll(hooks, HookPhase.POSTSTOP, 0);
 * }</pre>
 *
 * <p>Used by the host and by init (createContainer before pivot_root, startContainer after it),
 * so it only uses {@link Syscalls}: no class loading, no threads, no process API.
 */
public final class HookRunner {
  /** The state goes into the stdin pipe before the hook starts, so it must fit in the pipe. */
  static final int PIPE_CAPACITY = 65536;

  /** How much of a failing hook's output its error quotes. */
  private static final int OUTPUT_LIMIT = 4096;

  private static final long POLL_MILLIS = 10;
  private static final int GROUP_EXIT_POLLS = 200;

  private final Syscalls syscalls;

  public HookRunner(Syscalls syscalls) {
    this.syscalls = syscalls;
  }

  /**
   * Runs the hooks of {@code phase} in order, with the phase's status and {@code pid} in their state.
   *
   * @throws ContainerSetupException for the first hook that fails, naming it
   */
  public void run(Hooks hooks, HookPhase phase, int pid) {
    byte[] state = state(hooks, phase.status(), pid);
    List<HookEntry> entries = hooks.of(phase);
    for (int i = 0; i < entries.size(); i++) {
      runOne(entries.get(i), name(phase, i, entries.get(i)), state);
    }
  }

  /**
   * The host's hooks while init waits before pivot_root: prestart, then createRuntime.
   *
   * @param initPid init's host pid
   * @throws ContainerSetupException for the first hook that fails, naming it
   */
  public void runBeforePivot(Hooks hooks, int initPid) {
    run(hooks, HookPhase.PRESTART, initPid);
    run(hooks, HookPhase.CREATE_RUNTIME, initPid);
  }

  /**
   * Runs every hook of {@code phase}, also after one failed: for poststart and poststop, whose
   * failures are warnings.
   *
   * @return one warning per failed hook
   */
  public List<String> runAll(Hooks hooks, HookPhase phase, int pid) {
    List<String> warnings = new ArrayList<>();
    List<HookEntry> entries = hooks.of(phase);
    for (int i = 0; i < entries.size(); i++) {
      try {
        runOne(entries.get(i), name(phase, i, entries.get(i)), state(hooks, phase.status(), pid));
      } catch (ContainerSetupException e) {
        warnings.add(e.getMessage());
      }
    }
    return warnings;
  }

  private static String name(HookPhase phase, int index, HookEntry hook) {
    return "hook hooks." + phase.specName() + "[" + index + "] \"" + hook.path() + "\"";
  }

  private static byte[] state(Hooks hooks, String status, int pid) {
    byte[] state = hooks.state().json(status, pid).getBytes(StandardCharsets.UTF_8);
    if (state.length > PIPE_CAPACITY) {
      throw new ContainerSetupException("the state of container \"" + hooks.state().id() + "\" is " + state.length
          + " bytes, more than a hook's stdin pipe holds (" + PIPE_CAPACITY + "): shorten its annotations");
    }
    return state;
  }

  private void runOne(HookEntry hook, String name, byte[] state) {
    int pid;
    int[] output;
    int[] stdin = syscalls.pipe();
    try {
      try {
        syscalls.write(stdin[1], state);
      } finally {
        syscalls.close(stdin[1]);
      }
      output = syscalls.pipe();
      try {
        pid = syscalls.spawn(new SpawnRequest(hook.path(), hook.argv(), hook.env(),
            Map.of(0, stdin[0], 1, output[1], 2, output[1]), true));
      } catch (SyscallException e) {
        syscalls.close(output[0]);
        throw new ContainerSetupException(name + " could not be started: " + e.getMessage(), e);
      } finally {
        syscalls.close(output[1]);
      }
    } finally {
      syscalls.close(stdin[0]);
    }
    Deadline deadline = new Deadline(hook.timeoutSeconds());
    try {
      String captured = collect(output[0], pid, deadline, name);
      WaitStatus status = awaitExit(pid, deadline, name);
      if (status.signaled() || status.exitCode() != 0) {
        throw new ContainerSetupException(name + " failed: " + describe(status)
            + (captured.isBlank() ? "" : ", output: \"" + captured.strip() + "\""));
      }
    } finally {
      syscalls.close(output[0]);
    }
  }

  /** The hook's output up to {@link #OUTPUT_LIMIT} bytes, read until every writer closed it. */
  private String collect(int fd, int pid, Deadline deadline, String name) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    while (true) {
      if (!syscalls.awaitReadable(fd, deadline.remainingMillis())) {
        throw killed(pid, deadline, name);
      }
      int n = syscalls.read(fd, buffer);
      if (n <= 0) {
        return captured.toString(StandardCharsets.UTF_8);
      }
      captured.write(buffer, 0, Math.min(n, Math.max(0, OUTPUT_LIMIT - captured.size())));
    }
  }

  private WaitStatus awaitExit(int pid, Deadline deadline, String name) {
    if (!deadline.limited()) {
      return syscalls.waitpid(pid);
    }
    while (true) {
      Optional<WaitStatus> status = syscalls.pollExit(pid);
      if (status.isPresent()) {
        return status.get();
      }
      if (deadline.remainingMillis() == 0) {
        throw killed(pid, deadline, name);
      }
      sleep();
    }
  }

  private ContainerSetupException killed(int pid, Deadline deadline, String name) {
    try {
      syscalls.kill(-pid, Signal.SIGKILL.number());
    } catch (SyscallException e) {
      if (e.errno() != Errno.ESRCH) {
        throw e;
      }
    }
    syscalls.waitpid(pid);
    awaitGroupGone(pid);
    return new ContainerSetupException(name + " did not finish within its timeout of " + deadline.seconds
        + " s and was killed");
  }

  /**
   * What the hook started ({@code sh -c 'sleep 60'}: the sleep) may still run for a moment
   * after the hook is reaped, until it takes its SIGKILL: polls its process group until it is
   * empty (at most {@link #GROUP_EXIT_POLLS} polls), so that the command fails only when nothing
   * of the hook runs any more. In init (PID 1 of the container) those orphans are ours to reap.
   */
  private void awaitGroupGone(int pgid) {
    for (int poll = 0; poll < GROUP_EXIT_POLLS; poll++) {
      reapOrphan(pgid);
      try {
        syscalls.kill(-pgid, 0);
      } catch (SyscallException e) {
        if (e.errno() == Errno.ESRCH) {
          return;
        }
        throw e;
      }
      sleep();
    }
  }

  /** Reaps one exited process of the group if it is our child (in init); none on the host. */
  private void reapOrphan(int pgid) {
    try {
      syscalls.pollExit(-pgid);
    } catch (SyscallException e) {
      if (e.errno() != Errno.ECHILD) {
        throw e;
      }
    }
  }

  private static String describe(WaitStatus status) {
    return status.signaled() ? "killed by signal " + status.signal() : "exit status " + status.exitCode();
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerSetupException("interrupted while waiting for a hook");
    }
  }

  /** A hook's timeout: none when {@code seconds} is 0. */
  private static final class Deadline {
    private final int seconds;
    private final long end;

    Deadline(int seconds) {
      this.seconds = seconds;
      this.end = System.nanoTime() + seconds * 1_000_000_000L;
    }

    boolean limited() {
      return seconds > 0;
    }

    /** Milliseconds left ({@code -1}: no limit, 0: over). */
    int remainingMillis() {
      if (!limited()) {
        return -1;
      }
      return (int) Math.max(0, (end - System.nanoTime()) / 1_000_000);
    }
  }
}
