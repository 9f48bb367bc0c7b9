package io.rustyrun.runtime.process;

import io.rustyrun.runtime.ContainerExecException;
import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.config.CapabilitySets;
import io.rustyrun.runtime.config.ProcessConfig;
import io.rustyrun.runtime.config.SeccompFilter;
import io.rustyrun.runtime.sys.Capability;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.Rlimit;
import io.rustyrun.runtime.sys.Signal;
import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last steps before a container process runs, shared by {@code init} and {@code exec}:
 * limits, identity and capabilities, working directory, the program's lookup, the clean-up of
 * what a JVM would leak, and execve.
 *
 * <pre>{@code
 * ProcessLaunch launch = new ProcessLaunch(syscalls);
 * launch.setRlimits(process);
 * launch.becomeUser(process, ProcessLaunch.lastCapability());
 * launch.enterCwd(process);
 * Path program = launch.findProgram(process);
 * launch.cleanUpForExec(process, false);
 * throw launch.exec(program, process);
 * }</pre>
 */
final class ProcessLaunch {
  private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private final Syscalls syscalls;

  ProcessLaunch(Syscalls syscalls) {
    this.syscalls = syscalls;
  }

  /**
   * The highest capability this kernel knows, read while the host's /proc is still visible.
   * Read by lines: Files.readString probes with a one-byte read, and a sysctl file answers a
   * read at offset 1 with end of file ("40" would read as "4").
   */
  static int lastCapability() {
    try {
      return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/cap_last_cap")).getFirst().trim());
    } catch (IOException | RuntimeException e) {
      return Capability.values().length - 1;
    }
  }

  /**
   * Moves this process (all its threads) into the container's cgroups, before the program and
   * anything it starts exist; init does it before unshare(CLONE_NEWCGROUP), so the container's
   * cgroup namespace is rooted there. The stage JVMs before it stay out: a JVM's dozen threads
   * would count against a small pids limit.
   */
  void joinCgroups(Map<String, Path> cgroups) {
    for (Path dir : cgroups.values()) {
      Path procs = dir.resolve("cgroup.procs");
      try {
        // "0" is the writing process itself: no pid to translate between PID namespaces.
        Files.writeString(procs, "0");
      } catch (IOException e) {
        String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.toString();
        throw new ContainerSetupException("cannot join cgroup \"" + dir + "\": " + reason, e);
      }
    }
  }

  /**
   * Makes the pty slave this process's stdin, stdout, stderr and controlling terminal, after
   * sending the master to whoever holds the console socket.
   */
  void useTerminal(ProcessConfig process, int master, int slave, String name) {
    syscalls.sendFd(process.consoleFd(), master, name);
    syscalls.close(master);
    syscalls.close(process.consoleFd());
    for (int stdio = 0; stdio <= 2; stdio++) {
      syscalls.dup2(slave, stdio);
    }
    syscalls.close(slave);
    syscalls.setControllingTerminal(0);
  }

  /** Installs the container's seccomp filter on this thread, if it has one. */
  void installSeccomp(SeccompFilter filter) {
    if (filter != null) {
      syscalls.installSeccompFilter(filter.program(), filter.flags());
    }
  }

  /** Before the uid changes: raising a limit needs privileges the user will not have. */
  void setRlimits(ProcessConfig process) {
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
  void becomeUser(ProcessConfig process, int lastCapability) {
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
  void enterCwd(ProcessConfig process) {
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
  void cleanUpForExec(ProcessConfig process, boolean dieWithParent) {
    if (process.noNewPrivileges()) {
      syscalls.setNoNewPrivileges();
    }
    if (dieWithParent) {
      syscalls.setParentDeathSignal(Signal.SIGKILL.number());
    }
    syscalls.resetSignals();
    // The fds passed on (--preserve-fds) stay open; from the sync channel up, all close.
    syscalls.closeOnExecFrom(process.syncFd());
  }

  /**
   * execvpe(3)'s search, done before the container is reported ready so that a missing
   * command fails {@code create} (as with runc), and done here because glibc would look at the
   * JVM's environment: a name without a slash is tried in every {@code PATH} directory of the
   * container's environment, and "not executable" wins over "not found", as in glibc.
   */
  Path findProgram(ProcessConfig process) {
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

  /** execve; returns only if it failed, with the reason. */
  ContainerExecException exec(Path program, ProcessConfig process) {
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
