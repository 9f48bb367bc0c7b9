package io.rustyrun.cli;

import io.rustyrun.runtime.ContainerExecException;
import io.rustyrun.runtime.ContainerOomException;
import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.spec.SpecException;
import io.rustyrun.spec.Violation;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become what the user reads: a line of what failed, a line of
 * how to fix it, and the exit status. Deep code throws facts; the hints are made here.
 *
 * <pre>
 * rustyrun: error: rootfs "/srv/web/rootfs" does not exist
 * rustyrun: hint: root.path is relative to the spec file's directory; ...
 * </pre>
 *
 * <p>Stack traces only with {@code --debug}.
 */
final class ErrorRenderer implements IExecutionExceptionHandler, IExitCodeExceptionMapper {
  private final RustyrunCommand top;

  ErrorRenderer(RustyrunCommand top) {
    this.top = top;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof SpecException spec && !spec.violations().isEmpty()) {
      for (Violation v : spec.violations()) {
        err.println(v.render());
      }
    } else {
      err.println("rustyrun: error: " + message(e));
      hint(e).ifPresent(h -> err.println("rustyrun: hint: " + h));
    }
    if (top.debug()) {
      e.printStackTrace(err);
    }
    err.flush();
    logError(e);
    return getExitCode(e);
  }

  private void logError(Exception e) {
    String message = e instanceof SpecException spec && !spec.violations().isEmpty()
        ? spec.violations().stream().map(Violation::render).collect(Collectors.joining("; "))
        : message(e);
    top.log("error", message);
  }

  /** Bad command-line usage: the message, where to read more, status 125. */
  int usageError(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("rustyrun: error: " + e.getMessage());
    err.println("rustyrun: hint: see \"" + cl.getCommandSpec().qualifiedName() + " --help\"");
    err.flush();
    return ExitCodes.FAILED;
  }

  @Override
  public int getExitCode(Throwable e) {
    return switch (e) {
      case ContainerExecException exec -> exec.exitCode();
      case ContainerOomException oom -> oom.exitCode();
      default -> ExitCodes.FAILED;
    };
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "internal error (" + e.getClass().getSimpleName() + ")" : m;
  }

  /** Advice for the failures users can fix themselves. */
  static Optional<String> hint(Throwable e) {
    if (e instanceof ContainerExecException exec) {
      return Optional.of(exec.exitCode() == ExitCodes.NOT_FOUND
          ? "the command must exist inside the rootfs: check process.args[0] and PATH in process.env"
          : "make the file executable inside the rootfs (chmod +x) or check its #! interpreter line");
    }
    if (e instanceof ContainerOomException) {
      return Optional.of("raise linux.resources.memory.limit in the spec, or make the program use less memory");
    }
    Optional<SyscallException> kernel = syscallCause(e);
    if (kernel.isPresent()) {
      return kernelHint(kernel.get());
    }
    String m = message(e);
    if (e instanceof ContainerSetupException) {
      if (m.startsWith("rootfs")) {
        return Optional.of("root.path is relative to the spec file's directory; build a rootfs with "
            + "\"scripts/make-busybox-rootfs.sh DIR\" or \"rustyrun unpack IMAGE DIR\"");
      }
      if (m.startsWith("cwd")) {
        return Optional.of("create that directory in the rootfs or change process.cwd");
      }
      if (m.startsWith("mount source")) {
        return Optional.of("a bind mount's source is relative to the spec file's directory; create it or fix mounts[].source");
      }
      if (m.contains("linux.seccomp blocks")) {
        return Optional.of("allow the calls rustyrun's init makes (setgroups, setresuid, capset, prctl, futex, ...) in"
            + " linux.seccomp.syscalls, or set process.noNewPrivileges: true so the filter is installed right before execve");
      }
      if (m.contains("RLIMIT_")) {
        return Optional.of("lower that entry of process.rlimits to at most the hard limit rustyrun runs with (ulimit -H)");
      }
      if (m.contains("already exists")) {
        return Optional.of("choose another id, or remove the old container with \"rustyrun delete --force ID\"");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> kernelHint(SyscallException e) {
    return switch (e.errno()) {
      case EPERM -> Optional.of("rustyrun needs root (CAP_SYS_ADMIN) to create namespaces and mounts; run it as root");
      case ENOENT -> Optional.of("a path named above does not exist; check root.path and mounts[] in the spec");
      default -> Optional.empty();
    };
  }

  private static Optional<SyscallException> syscallCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SyscallException s) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
