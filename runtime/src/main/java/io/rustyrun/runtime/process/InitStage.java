package io.rustyrun.runtime.process;

import io.rustyrun.runtime.ContainerExecException;
import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.config.CapabilitySets;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.MountEntry;
import io.rustyrun.runtime.config.ProcessConfig;
import io.rustyrun.runtime.rootfs.RootfsSetup;
import io.rustyrun.runtime.sys.Capability;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.runtime.sys.Rlimit;
import io.rustyrun.runtime.sys.Signal;
import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code init} stage: PID 1 of the container. It builds the container's filesystem view,
 * takes on the process identity, and execs the program; it never returns on success.
 *
 * <pre>{@code
 * int status = new InitStage(syscalls).run(config);   // only returns when something failed
 * }</pre>
 *
 * <p>Steps, in order (each a method below): {@code prepareProcess},
 * {@code setKernelParameters} (sysctl, OOM score), {@code buildRootfs} (mounts, devices, the terminal, masks,
 * pivot_root), {@code configureNamespaces} (hostname, loopback), {@code setRlimits},
 * {@code becomeUser} (bounding set, groups, ids, capabilities), {@code enterCwd},
 * {@code findProgram}, {@code cleanUpForExec}, then "ready" to the host, {@code awaitStart}
 * (created containers only) and {@code exec}. After pivot_root only {@link Syscalls} is used: a JVM cannot load classes or
 * native libraries from the host any more (ARCHITECTURE.md fact 4).
 */
public final class InitStage {
  /** The fifo in the state directory that {@code start} opens to let a created container run. */
  public static final String EXEC_FIFO = "exec.fifo";

  private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Syscalls syscalls;

  public InitStage(Syscalls syscalls) {
    this.syscalls = syscalls;
  }

  /**
   * Sets up the container and execs its program; returns the exit status only on failure.
   *
   * @param stateDir the container's state directory (its exec fifo is there)
   */
  public int run(LaunchConfig config, Path stateDir) {
    SyncPipe host = new SyncPipe(syscalls, SyncPipe.STAGE_FD);
    Trace trace = new Trace(syscalls, config.traceOrigin(), "init");
    try {
      trace.step("started");
      prepareProcess();
      int lastCapability = lastCapability();
      int execFifo = config.mode() == LaunchConfig.Mode.DETACHED ? syscalls.openPath(stateDir.resolve(EXEC_FIFO)) : -1;
      setKernelParameters(config);
      buildRootfs(config);
      trace.step("rootfs mounted, pivot_root done");
      configureNamespaces(config);
      setRlimits(config.process());
      becomeUser(config.process(), lastCapability);
      enterCwd(config.process());
      Path program = findProgram(config.process());
      cleanUpForExec(config);
      host.send(new Message.Ready());
      if (execFifo >= 0) {
        awaitStart(execFifo);
      }
      trace.step("execve");
      throw exec(program, config.process());
    } catch (ContainerExecException e) {
      host.send(new Message.Failed(e.exitCode(), e.getMessage()));
      return e.exitCode();
    } catch (RuntimeException e) {
      host.send(new Message.Failed(125, e.getMessage()));
      return 125;
    }
  }

  /**
   * A session of its own (so the container's shell gets job control and the host terminal's
   * signals stay out), and umask 0 so that device nodes get exactly the modes asked for.
   */
  private void prepareProcess() {
    syscalls.setsid();
    syscalls.umask(0);
    loadClassesNeededAfterPivot();
  }

  /**
   * The error path after pivot_root needs these classes; load them while the host's jars are
   * still reachable (a class literal loads its class).
   */
  private static void loadClassesNeededAfterPivot() {
    for (Class<?> c : List.of(Message.Failed.class, ContainerExecException.class,
        ContainerSetupException.class, SyscallException.class, IllegalStateException.class)) {
      c.getName();
    }
    Errno.values();
  }

  /**
   * With a terminal: a new pty from the container's own devpts, its slave as stdin, stdout,
   * stderr, controlling terminal and {@code /dev/console}, its master sent to whoever holds the
   * console socket (rustyrun run, or conmon through --console-socket).
   */
  private void attachTerminal(RootfsSetup rootfs) {
    int master = rootfs.openConsoleMaster();
    int slave = syscalls.openPtySlave(master);
    rootfs.bindConsole(slave);
    syscalls.sendFd(SyncPipe.CONSOLE_FD, master, "/dev/console");
    syscalls.close(master);
    syscalls.close(SyncPipe.CONSOLE_FD);
    for (int stdio = 0; stdio <= 2; stdio++) {
      syscalls.dup2(slave, stdio);
    }
    syscalls.close(slave);
    syscalls.setControllingTerminal(0);
  }

  private void buildRootfs(LaunchConfig config) {
    RootfsSetup rootfs = new RootfsSetup(syscalls, config.rootfs());
    rootfs.isolateFromHost(config.rootPropagation());
    if (config.image() != null) {
      rootfs.mountImageOverlay(config.image());
    }
    rootfs.bindRootfs();
    rootfs.mountAll(config.mounts());
    if (mountsDevAsTmpfs(config.mounts())) {
      rootfs.populateDev();
    }
    if (config.process().terminal()) {
      attachTerminal(rootfs);
    }
    rootfs.maskPaths(config.maskedPaths());
    rootfs.readonlyPaths(config.readonlyPaths());
    rootfs.pivot();
    if (config.readonlyRoot()) {
      rootfs.remountRootReadonly();
    }
  }

  private static boolean mountsDevAsTmpfs(List<MountEntry> mounts) {
    return mounts.stream().anyMatch(m -> m.destination().equals("/dev") && m.type().equals("tmpfs"));
  }

  private void configureNamespaces(LaunchConfig config) {
    if (!config.hostname().isEmpty()) {
      syscalls.sethostname(config.hostname());
    }
    if (!config.domainname().isEmpty()) {
      syscalls.setdomainname(config.domainname());
    }
    if (config.createsNamespace(Namespace.NETWORK)) {
      syscalls.loopbackUp();
    }
  }

  /**
   * The highest capability this kernel knows, read while the host's /proc is still visible.
   * Read by lines: Files.readString probes with a one-byte read, and a sysctl file answers a
   * read at offset 1 with end of file ("40" would read as "4").
   */
  private static int lastCapability() {
    try {
      return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/cap_last_cap")).getFirst().trim());
    } catch (IOException | RuntimeException e) {
      return Capability.values().length - 1;
    }
  }

  /**
   * sysctls (validated on the host as namespaced) and the OOM score. Written through the host's
   * /proc before pivot_root: a namespaced sysctl file acts on the writer's namespace, and the
   * container's own /proc/sys is read-only by then.
   */
  private void setKernelParameters(LaunchConfig config) {
    config.sysctl().forEach((key, value) -> write(Path.of("/proc/sys", key.replace('.', '/')), value,
        "sysctl \"" + key + "\""));
    config.process().oomScoreAdj().ifPresent(score ->
        write(Path.of("/proc/self/oom_score_adj"), Integer.toString(score), "oomScoreAdj"));
  }

  private static void write(Path file, String value, String what) {
    try {
      Files.writeString(file, value);
    } catch (IOException e) {
      throw new ContainerSetupException("cannot set " + what + " to \"" + value + "\": " + e.getMessage(), e);
    }
  }

  /** Before the uid changes: raising a limit needs privileges the user will not have. */
  private void setRlimits(ProcessConfig process) {
    for (Rlimit limit : process.rlimits()) {
      try {
        syscalls.setRlimit(limit);
      } catch (SyscallException e) {
        String why = e.errno() == Errno.EPERM
            ? "a hard limit can only be raised with CAP_SYS_RESOURCE, which rustyrun does not have here"
            : e.errno().describe();
        throw new ContainerSetupException("cannot set " + limit + ": " + why, e);
      }
    }
  }

  /**
   * runc's order: shrink the bounding set while still root, keep the permitted set across the
   * uid change (PR_SET_KEEPCAPS), switch groups, gid, then uid (after setuid the others are no
   * longer allowed), then set exactly the spec's sets and the ambient ones.
   */
  private void becomeUser(ProcessConfig process, int lastCapability) {
    CapabilitySets caps = process.capabilities();
    for (Capability cap : Capability.values()) {
      if (cap.number() <= lastCapability && !caps.bounding().contains(cap)) {
        syscalls.dropBoundingCapability(cap);
      }
    }
    syscalls.keepCapabilities(true);
    syscalls.setgroups(process.additionalGids());
    syscalls.setgid(process.gid());
    syscalls.setuid(process.uid());
    syscalls.keepCapabilities(false);
    syscalls.setCapabilities(Capability.mask(caps.effective()), Capability.mask(caps.permitted()),
        Capability.mask(caps.inheritable()));
    syscalls.setAmbientCapabilities(raisableAmbient(caps));
    syscalls.umask(process.umask());
  }

  /**
   * The kernel raises an ambient capability only if it is permitted and inheritable; `runc
   * spec` lists ambient capabilities with an empty inheritable set, and runc skips those with a
   * warning. rustyrun skips them too, so such specs run unchanged.
   */
  private static Set<Capability> raisableAmbient(CapabilitySets caps) {
    Set<Capability> raisable = EnumSet.noneOf(Capability.class);
    for (Capability c : caps.ambient()) {
      if (caps.permitted().contains(c) && caps.inheritable().contains(c)) {
        raisable.add(c);
      }
    }
    return raisable;
  }

  /** chdir after becoming the user, so the user's permissions apply (as in runc). */
  private void enterCwd(ProcessConfig process) {
    try {
      syscalls.chdir(Path.of(process.cwd()));
    } catch (SyscallException e) {
      String why = e.errno() == Errno.ENOENT ? "does not exist in the container" : "cannot be entered: " + e.errno().describe();
      throw new ContainerSetupException("cwd \"" + process.cwd() + "\" " + why, e);
    }
  }

  /**
   * What a JVM would otherwise leak into the container (ARCHITECTURE.md fact 5): its open jars
   * and sockets (close-on-exec from fd 3: CVE-2024-21626; the sync pipe stays usable for an
   * error report), its blocked and ignored signals. And a foreground container dies with the
   * child stage, which dies with {@code rustyrun run}; set last because credential changes
   * clear the parent-death signal.
   */
  private void cleanUpForExec(LaunchConfig config) {
    if (config.process().noNewPrivileges()) {
      syscalls.setNoNewPrivileges();
    }
    if (config.mode() == LaunchConfig.Mode.FOREGROUND) {
      syscalls.setParentDeathSignal(Signal.SIGKILL.number());
    }
    syscalls.resetSignals();
    syscalls.closeOnExecFrom(SyncPipe.STAGE_FD);
  }

  /**
   * execvpe(3)'s search, done before the container is reported ready so that a missing
   * command fails {@code create} (as with runc), and done here because glibc would look at the
   * JVM's environment: a name without a slash is tried in every {@code PATH} directory of the
   * container's environment, and "not executable" wins over "not found", as in glibc.
   */
  private Path findProgram(ProcessConfig process) {
    String command = process.args().getFirst();
    if (command.contains("/")) {
      Errno failure = executable(Path.of(command));
      if (failure != null) {
        throw execFailure(command, failure, "");
      }
      return Path.of(command);
    }
    Errno denied = null;
    for (String dir : searchPath(process.env()).split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(command);
      Errno failure = executable(candidate);
      if (failure == null) {
        return candidate;
      }
      if (!isNotFound(failure) && denied == null) {
        denied = failure;
      }
    }
    throw execFailure(command, denied == null ? Errno.ENOENT : denied, " in $PATH");
  }

  /** Why {@code program} cannot be executed, or null if it can. */
  private Errno executable(Path program) {
    try {
      syscalls.checkExecutable(program);
    } catch (SyscallException e) {
      return e.errno();
    }
    return Files.isDirectory(program) ? Errno.EACCES : null;
  }

  /**
   * A created container waits here until {@code start} opens the exec fifo for reading: the
   * fifo was opened O_PATH in the state directory before pivot_root and is reopened for
   * writing through {@code /proc/self/fd}, as runc does.
   */
  private void awaitStart(int execFifo) {
    int fifo = syscalls.openWriteOnly(Path.of("/proc/self/fd/" + execFifo));
    syscalls.write(fifo, new byte[] {'0'});
    syscalls.close(fifo);
    syscalls.close(execFifo);
  }

  /** execve; returns only if it failed, with the reason. */
  private ContainerExecException exec(Path program, ProcessConfig process) {
    try {
      syscalls.execve(program, process.args(), process.env());
      return execFailure(program.toString(), Errno.ENOEXEC, "");
    } catch (SyscallException e) {
      return execFailure(program.toString(), e.errno(), "");
    }
  }

  private static boolean isNotFound(Errno errno) {
    return errno == Errno.ENOENT || errno == Errno.ENOTDIR;
  }

  private static ContainerExecException execFailure(String command, Errno errno, String where) {
    return isNotFound(errno)
        ? new ContainerExecException(
            "command \"" + command + "\" not found" + where, ContainerExecException.NOT_FOUND)
        : new ContainerExecException(
            "command \"" + command + "\" cannot be executed: " + errno.describe(),
            ContainerExecException.NOT_EXECUTABLE);
  }

  private static String searchPath(List<String> env) {
    for (String e : env) {
      if (e.startsWith("PATH=")) {
        return e.substring(5);
      }
    }
    return DEFAULT_PATH;
  }
}
