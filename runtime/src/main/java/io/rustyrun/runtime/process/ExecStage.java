package io.rustyrun.runtime.process;

import io.rustyrun.runtime.ContainerExecException;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.NamespaceEntry;
import io.rustyrun.runtime.config.ProcessConfig;
import io.rustyrun.runtime.sys.Namespace;
import io.rustyrun.runtime.sys.Syscalls;
import java.nio.file.Path;

/**
 * The {@code join} stage of {@code rustyrun exec}: a new process in a running container. The host spawned this JVM
 * already inside the container's PID namespace; it joins the other namespaces (the mount
 * namespace last, after unshare(CLONE_FS), ARCHITECTURE.md fact 6), takes on the process
 * identity and execs the program.
 *
 * <pre>{@code
 * int status = new ExecStage(syscalls).run(config);   // only returns when something failed
 * }</pre>
 *
 * <p>The JVM itself never lives inside the container's filesystem: it boots on the host and
 * only this thread moves into the container's mount namespace, right before execve.
 */
public final class ExecStage {
  private final Syscalls syscalls;
  private final ProcessLaunch launch;

  public ExecStage(Syscalls syscalls) {
    this.syscalls = syscalls;
    this.launch = new ProcessLaunch(syscalls);
  }

  /** Joins the container and execs; returns the exit status only on failure. */
  public int run(LaunchConfig config) {
    SyncPipe host = new SyncPipe(syscalls, config.process().syncFd());
    ProcessConfig process = config.process();
    try {
      int lastCapability = ProcessLaunch.lastCapability();
      launch.joinCgroups(config.cgroups());
      joinNamespaces(config);
      if (process.terminal()) {
        attachTerminal(config.process());
      }
      launch.setRlimits(process);
      if (!process.noNewPrivileges()) {
        // Without no_new_privs, installing a filter needs CAP_SYS_ADMIN: before the user switch.
        launch.installSeccomp(config.seccomp());
      }
      launch.becomeUser(process, lastCapability);
      launch.enterCwd(process);
      Path program = launch.findProgram(process);
      launch.cleanUpForExec(process, false);
      if (process.noNewPrivileges()) {
        launch.installSeccomp(config.seccomp());
      }
      host.send(new Message.Ready());
      throw launch.exec(program, process);
    } catch (ContainerExecException e) {
      host.send(new Message.Failed(e.exitCode(), e.getMessage()));
      return e.exitCode();
    } catch (RuntimeException e) {
      host.send(Message.Failed.of(125, e));
      return 125;
    }
  }

  private void joinNamespaces(LaunchConfig config) {
    Path mount = null;
    for (NamespaceEntry n : config.namespaces()) {
      if (n.type() == Namespace.MOUNT) {
        mount = n.path();
      } else if (n.type() != Namespace.PID) {
        syscalls.setns(n.path(), n.type());
      }
    }
    if (mount != null) {
      syscalls.unshareFs();
      syscalls.setns(mount, Namespace.MOUNT);
    }
  }

  /** A new pty from the container's devpts; its master goes to the console socket. */
  private void attachTerminal(ProcessConfig process) {
    syscalls.setsid();
    int master = syscalls.openPtyMaster(Path.of("/dev/pts/ptmx"));
    launch.useTerminal(process, master, syscalls.openPtySlave(master), "/dev/pts/ptmx");
  }
}
