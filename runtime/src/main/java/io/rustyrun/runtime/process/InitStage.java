package io.rustyrun.runtime.process;

import io.rustyrun.runtime.ContainerExecException;
import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.config.HookPhase;
import io.rustyrun.runtime.config.Hooks;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.MountEntry;
import io.rustyrun.runtime.config.ProcessConfig;
import io.rustyrun.runtime.rootfs.InRootFiles;
import io.rustyrun.runtime.rootfs.RootfsMounts;
import io.rustyrun.runtime.rootfs.RootfsSetup;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@code init} stage: PID 1 of the container. It builds the container's filesystem view,
 * takes on the process identity, and execs the program; it never returns on success.
 *
 * <pre>{@code
 * int status = new InitStage(syscalls).run(config);   // only returns when something failed
 * }</pre>
 *
 * <p>Steps, in order (each a method below): {@code prepareProcess},
 * {@code setKernelParameters} (sysctl, OOM score), {@code buildRootfs} (mounts, devices, the terminal,
 * {@code runCreateHooks}, masks, pivot_root, or MS_MOVE and chroot with {@code --no-pivot}),
 * {@code configureNamespaces} (hostname, loopback), {@code setRlimits},
 * {@code becomeUser} (bounding set, groups, ids, capabilities), {@code enterCwd},
 * {@code findProgram}, {@code cleanUpForExec}, then "ready" to the host, {@code awaitStart}
 * (created containers only), the startContainer hooks and {@code exec}. After pivot_root only {@link Syscalls} is used: a JVM cannot load classes or
 * native libraries from the host any more (ARCHITECTURE.md fact 4).
 */
public final class InitStage {
  /** The fifo in the state directory that {@code start} opens to let a created container run. */
  public static final String EXEC_FIFO = "exec.fifo";

  private final Syscalls syscalls;
  private final ProcessLaunch launch;
  private final HookRunner hookRunner;

  public InitStage(Syscalls syscalls) {
    this.syscalls = syscalls;
    this.launch = new ProcessLaunch(syscalls);
    this.hookRunner = new HookRunner(syscalls);
  }

  /**
   * Sets up the container and execs its program; returns the exit status only on failure.
   *
   * @param stateDir the container's state directory (its exec fifo and hooks are there)
   */
  public int run(LaunchConfig config, Path stateDir) {
    SyncPipe host = new SyncPipe(syscalls, config.process().syncFd());
    Trace trace = new Trace(syscalls, config.traceOrigin(), "init");
    try {
      trace.step("started");
      prepareProcess();
      Optional<Hooks> hooks = Hooks.readFrom(stateDir);
      launch.joinCgroups(config.cgroups());
      if (config.createsNamespace(Namespace.CGROUP)) {
        syscalls.unshare(EnumSet.of(Namespace.CGROUP));
      }
      int lastCapability = ProcessLaunch.lastCapability();
      int execFifo = config.mode() == LaunchConfig.Mode.DETACHED ? syscalls.openPath(stateDir.resolve(EXEC_FIFO)) : -1;
      setKernelParameters(config);
      buildRootfs(config, () -> hooks.ifPresent(h -> runCreateHooks(h, host)));
      trace.step("rootfs mounted, pivot_root done");
      configureNamespaces(config);
      launch.setRlimits(config.process());
      if (!config.process().noNewPrivileges()) {
        // Without no_new_privs, installing a filter needs CAP_SYS_ADMIN: before the user switch.
        launch.installSeccomp(config.seccomp());
      }
      launch.becomeUser(config.process(), lastCapability);
      launch.enterCwd(config.process());
      Path program = launch.findProgram(config.process());
      launch.cleanUpForExec(config.process(), config.mode() == LaunchConfig.Mode.FOREGROUND);
      host.send(new Message.Ready());
      if (execFifo >= 0) {
        awaitStart(execFifo);
      }
      if (hooks.isPresent()) {
        hookRunner.run(hooks.get(), HookPhase.START_CONTAINER, syscalls.getpid());
      }
      if (config.process().noNewPrivileges()) {
        // As late as possible: the filter also applies to what this JVM thread does until execve.
        launch.installSeccomp(config.seccomp());
      }
      trace.step("execve");
      throw launch.exec(program, config.process());
    } catch (ContainerExecException e) {
      host.send(new Message.Failed(e.exitCode(), e.getMessage()));
      return e.exitCode();
    } catch (RuntimeException e) {
      host.send(Message.Failed.of(125, e));
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
  private void attachTerminal(RootfsMounts mounts, ProcessConfig process) {
    int master = mounts.openConsoleMaster();
    int slave = syscalls.openPtySlave(master);
    mounts.bindConsole(slave);
    launch.useTerminal(process, master, slave, "/dev/console");
  }

  /**
   * @param createHooks runs once the mounts, devices and terminal are in place, before the
   *     masks and pivot_root
   */
  private void buildRootfs(LaunchConfig config, Runnable createHooks) {
    RootfsSetup rootfs = new RootfsSetup(syscalls, config.rootfs());
    rootfs.isolateFromHost(config.rootPropagation());
    if (config.image() != null) {
      rootfs.mountImageOverlay(config.image());
    }
    rootfs.bindRootfs();
    int rootFd = rootfs.open();
    mountInside(config, new RootfsMounts(syscalls, new InRootFiles(syscalls, rootFd)), createHooks);
    syscalls.close(rootFd);
    if (config.noPivot()) {
      rootfs.moveRoot();
    } else {
      rootfs.pivot();
    }
    if (config.readonlyRoot()) {
      rootfs.remountRootReadonly();
    }
  }

  /**
   * The prestart and createRuntime hooks run on the host while init waits here; then the
   * createContainer hooks run in the container's namespaces, the host's filesystem still in view.
   */
  private void runCreateHooks(Hooks hooks, SyncPipe host) {
    if (hooks.hostRunsBeforePivot()) {
      host.send(new Message.HooksDue());
      if (!(host.receive().orElse(null) instanceof Message.Resume)) {
        throw new ContainerSetupException("the host did not resume init after the prestart and createRuntime hooks");
      }
    }
    hookRunner.run(hooks, HookPhase.CREATE_CONTAINER, syscalls.getpid());
  }

  /**
   * Everything mounted and created inside the rootfs, each target resolved from its fd; the
   * create hooks run once the mounts, devices and terminal are in place, before the masks.
   */
  private void mountInside(LaunchConfig config, RootfsMounts mounts, Runnable createHooks) {
    mounts.mountAll(config.mounts(), config.cgroups());
    if (mountsDevAsTmpfs(config.mounts())) {
      mounts.populateDev();
    }
    mounts.createDevices(config.devices());
    if (config.process().terminal()) {
      attachTerminal(mounts, config.process());
    }
    createHooks.run();
    mounts.maskPaths(config.maskedPaths());
    mounts.readonlyPaths(config.readonlyPaths());
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

  /**
   * A created container waits here until {@code start} opens the exec fifo for reading: the
   * fifo was opened O_PATH in the state directory before pivot_root and is reopened for
   * writing through {@code /proc/self/fd}, as runc does.
   */
  private void awaitStart(int execFifo) {
    int fifo = syscalls.openWriteOnly(InRootFiles.magicLink(execFifo));
    syscalls.write(fifo, new byte[] {'0'});
    syscalls.close(fifo);
    syscalls.close(execFifo);
  }

}
