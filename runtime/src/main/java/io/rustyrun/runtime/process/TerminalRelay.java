package io.rustyrun.runtime.process;

import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;

/**
 * Connects rustyrun's own stdin/stdout to the container's pseudo-terminal: the host terminal
 * goes raw (so Ctrl-C travels as a byte to the container's line discipline, which signals the
 * container's foreground process group, not rustyrun), the window size is copied now and on
 * every SIGWINCH, and two threads copy bytes both ways.
 *
 * <pre>{@code
 * TerminalRelay relay = TerminalRelay.start(syscalls, master);
 * ...                      // container runs
 * relay.finish();          // drains output, restores the host terminal
 * }</pre>
 */
public final class TerminalRelay {
  private static final int BUFFER = 8192;

  private final Syscalls syscalls;
  private final int master;
  private final byte[] savedTerminal;
  private final Thread output;

  private TerminalRelay(Syscalls syscalls, int master, byte[] savedTerminal) {
    this.syscalls = syscalls;
    this.master = master;
    this.savedTerminal = savedTerminal;
    this.output = new Thread(() -> copy(master, 1), "rustyrun-pty-out");
  }

  /**
   * Starts relaying to the container's pty {@code master}; the host terminal is made raw only
   * when stdin is a terminal.
   */
  public static TerminalRelay start(Syscalls syscalls, int master) {
    boolean interactive = syscalls.isTerminal(0);
    byte[] saved = null;
    if (interactive) {
      syscalls.setWindowSize(master, syscalls.windowSize(0));
      saved = syscalls.makeRaw(0);
    }
    TerminalRelay relay = new TerminalRelay(syscalls, master, saved);
    relay.output.start();
    Thread input = new Thread(() -> relay.copy(0, master), "rustyrun-pty-in");
    input.setDaemon(true);
    input.start();
    return relay;
  }

  /** SIGWINCH: the host terminal changed size; tell the container's terminal. */
  public void resize() {
    if (syscalls.isTerminal(0)) {
      syscalls.setWindowSize(master, syscalls.windowSize(0));
    }
  }

  /**
   * Waits for the container's last output (the master reads EIO once every slave fd is closed),
   * then restores the host terminal and closes the master.
   */
  public void finish() {
    try {
      output.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (savedTerminal != null) {
        syscalls.restoreTerminal(0, savedTerminal);
      }
      syscalls.close(master);
    }
  }

  private void copy(int from, int to) {
    byte[] buffer = new byte[BUFFER];
    try {
      int n;
      while ((n = syscalls.read(from, buffer)) > 0) {
        syscalls.write(to, n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n));
      }
    } catch (SyscallException e) {
      // EIO on the master: the container side is gone. Nothing more to relay.
    }
  }
}
