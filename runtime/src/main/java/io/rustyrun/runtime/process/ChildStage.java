package io.rustyrun.runtime.process;

import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.NamespaceEntry;
import io.rustyrun.runtime.config.ProcessConfig;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.runtime.sys.Signal;
import io.rustyrun.runtime.sys.Syscalls;
import io.rustyrun.runtime.sys.WaitStatus;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code child} stage: creates and joins the container's namespaces and starts {@code init}
 * inside them, so that init is PID 1 of the new PID namespace.
 *
 * <pre>{@code
 * int status = new ChildStage(syscalls).run(config, configFile);
 * }</pre>
 *
 * <p>All namespace work happens on a throwaway thread (ARCHITECTURE.md facts 1 and 2): in a
 * JVM, unshare changes only the calling thread, and after {@code unshare(CLONE_NEWPID)} that
 * thread can create no more threads. The same thread spawns init with posix_spawn and waits for
 * it, so it is also init's "parent thread" for the parent-death signal.
 */
public final class ChildStage {
  private final Syscalls syscalls;

  public ChildStage(Syscalls syscalls) {
    this.syscalls = syscalls;
  }

  /** Runs the stage; returns the child's exit status (0 once init's end was reported). */
  public int run(LaunchConfig config, Path configFile) {
    SyncPipe host = new SyncPipe(syscalls, config.process().syncFd());
    Trace trace = new Trace(syscalls, config.traceOrigin(), "child");
    trace.step("started");
    if (config.mode() == LaunchConfig.Mode.FOREGROUND) {
      dieWithHost();
    }
    int[] status = {0};
    Thread namespaces =
        new Thread(() -> status[0] = startInitInNamespaces(config, configFile, host, trace), "rustyrun-ns");
    namespaces.start();
    try {
      namespaces.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    return status[0];
  }

  /**
   * The fds passed on to the program, the sync channel, and the console socket when the
   * container has a terminal: all at the same numbers.
   */
  private static Map<Integer, Integer> initFds(LaunchConfig config) {
    ProcessConfig process = config.process();
    Map<Integer, Integer> fds = new HashMap<>();
    for (int fd = 3; fd <= (process.terminal() ? process.consoleFd() : process.syncFd()); fd++) {
      fds.put(fd, fd);
    }
    return fds;
  }

  /** A foreground container must not outlive {@code rustyrun run}, even after SIGKILL. */
  private void dieWithHost() {
    syscalls.setParentDeathSignal(Signal.SIGKILL.number());
  }

  private int startInitInNamespaces(LaunchConfig config, Path configFile, SyncPipe host, Trace trace) {
    try {
      joinNamespaces(config);
      syscalls.unshare(namespacesToCreate(config));
      trace.step("namespaces created");
      int init = syscalls.spawn(config.stages().spawnRequest("init", configFile, initFds(config), false));
      host.send(new Message.InitStarted(init));
      trace.step("init spawned");
      if (config.mode() == LaunchConfig.Mode.DETACHED) {
        // Exit now: init is re-parented to the caller's subreaper (conmon, containerd-shim).
        return 0;
      }
      WaitStatus exit = syscalls.waitpid(init);
      host.send(new Message.InitExited(exit.raw()));
      return 0;
    } catch (RuntimeException e) {
      host.send(Message.Failed.of(125, e));
      return 125;
    }
  }

  /**
   * setns into every namespace given by path. A mount namespace can only be joined by a thread
   * with its own fs_struct, hence the CLONE_FS unshare first.
   */
  private void joinNamespaces(LaunchConfig config) {
    for (NamespaceEntry n : config.namespaces()) {
      if (n.path() == null) {
        continue;
      }
      if (n.type() == Namespace.MOUNT) {
        syscalls.unshareFs();
      }
      syscalls.setns(n.path(), n.type());
    }
  }

  /**
   * The new namespaces but the cgroup one: init creates that itself once it has joined the
   * container's cgroup, so the namespace is rooted there.
   */
  private static Set<Namespace> namespacesToCreate(LaunchConfig config) {
    Set<Namespace> create = EnumSet.noneOf(Namespace.class);
    for (NamespaceEntry n : config.namespaces()) {
      if (n.path() == null && n.type() != Namespace.CGROUP) {
        create.add(n.type());
      }
    }
    return create;
  }
}
