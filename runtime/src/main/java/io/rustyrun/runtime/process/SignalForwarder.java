package io.rustyrun.runtime.process;

import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;
import java.util.List;
import sun.misc.Signal;

/**
 * Forwards SIGINT, SIGTERM and SIGHUP received by {@code rustyrun run} to the container's PID 1,
 * and calls back on SIGWINCH, instead of letting the JVM shut down on them.
 *
 * <pre>{@code
 * SignalForwarder forwarder = new SignalForwarder(syscalls, relay::resize);
 * forwarder.install();
 * forwarder.target(initPid);   // from now on signals go to the container
 * }</pre>
 */
public final class SignalForwarder {
  private static final List<String> FORWARDED = List.of("INT", "TERM", "HUP", "USR1", "USR2");

  private final Syscalls syscalls;
  private final Runnable onResize;
  private volatile int target;
  private volatile int pending;

  public SignalForwarder(Syscalls syscalls, Runnable onResize) {
    this.syscalls = syscalls;
    this.onResize = onResize;
  }

  /** Takes over the signals; until {@link #target} is known, the last one is held back. */
  public void install() {
    for (String name : FORWARDED) {
      Signal.handle(new Signal(name), s -> forward(s.getNumber()));
    }
    Signal.handle(new Signal("WINCH"), s -> onResize.run());
  }

  /** Signals now go to {@code pid}; one that arrived before is delivered now. */
  public void target(int pid) {
    target = pid;
    int held = pending;
    if (held != 0) {
      forward(held);
    }
  }

  private void forward(int signal) {
    int pid = target;
    if (pid == 0) {
      pending = signal;
      return;
    }
    try {
      syscalls.kill(pid, signal);
    } catch (SyscallException e) {
      // ESRCH: the container already ended; its exit status tells the rest.
    }
  }
}
