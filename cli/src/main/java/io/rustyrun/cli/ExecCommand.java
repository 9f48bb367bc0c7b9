package io.rustyrun.cli;

import io.rustyrun.runtime.config.CapabilitySets;
import io.rustyrun.runtime.config.ProcessConfig;
import io.rustyrun.runtime.lifecycle.Lifecycle;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.spec.ProcessSpec;
import io.rustyrun.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rustyrun exec [--process FILE | ARGS] ID}: runs a new process in a running container,
 * with the container's namespaces, identity, capabilities and environment unless told otherwise.
 */
final class ExecCommand implements Callable<Integer> {
  private final RustyrunCommand top;
  private Path processFile;
  private boolean detach;
  private Path pidFile;
  private boolean tty;
  private Path consoleSocket;
  private String cwd;
  private final List<String> env = new ArrayList<>();
  private String user;
  private String id;
  private final List<String> args = new ArrayList<>();

  ExecCommand(RustyrunCommand top) {
    this.top = top;
  }

  CommandSpec spec() {
    return CommandModel.command(this, "exec",
            "Run a new process inside a running container; exit with its status.",
            "rustyrun exec web-1 ps", "rustyrun exec --process process.json --detach --pid-file p web-1")
        .option(CommandModel.value(Path.class, v -> processFile = v, "-p", "--process").paramLabel("FILE")
            .description("An OCI process object (JSON) to run."))
        .option(CommandModel.flag(v -> detach = v, "-d", "--detach").description("Return once the process runs."))
        .option(CommandModel.value(Path.class, v -> pidFile = v, "--pid-file").paramLabel("FILE")
            .description("Write the process's host pid here."))
        .option(CommandModel.flag(v -> tty = v, "-t", "--tty")
            .description("Give the process a new terminal (needs --console-socket)."))
        .option(CommandModel.value(Path.class, v -> consoleSocket = v, "--console-socket").paramLabel("SOCKET")
            .description("Where to send the pty master."))
        .option(CommandModel.value(String.class, v -> cwd = v, "--cwd").paramLabel("DIR")
            .description("Working directory inside the container."))
        .option(CommandModel.repeated(env, "-e", "--env").paramLabel("KEY=VALUE")
            .description("Extra environment variables."))
        .option(CommandModel.value(String.class, v -> user = v, "-u", "--user").paramLabel("UID[:GID]")
            .description("User (and group) ids."))
        .positional(CommandModel.parameter("0", String.class, v -> id = v).paramLabel("ID")
            .description("The container id."))
        .positional(CommandModel.parameters("1..*", args).paramLabel("ARGS")
            .description("The command and its arguments."))
        .spec();
  }

  @Override
  public Integer call() {
    Lifecycle lifecycle = top.lifecycle(new LinuxSyscalls());
    ProcessConfig process = process(lifecycle.process(id));
    return lifecycle.exec(id, process, new Lifecycle.ExecOptions(detach, absolute(pidFile), absolute(consoleSocket)));
  }

  /** The container's own process, overridden by --process or by the command-line options. */
  private ProcessConfig process(ProcessConfig base) {
    if (processFile != null) {
      return fromSpec(new SpecLoader().loadProcess(processFile), base);
    }
    if (args.isEmpty()) {
      throw new IllegalArgumentException("exec needs a command (ARGS) or --process FILE");
    }
    List<String> environment = new ArrayList<>(base.env());
    environment.addAll(env);
    int uid = base.uid();
    int gid = base.gid();
    if (user != null) {
      String[] ids = user.split(":", 2);
      uid = Integer.parseInt(ids[0]);
      gid = ids.length > 1 ? Integer.parseInt(ids[1]) : gid;
    }
    return new ProcessConfig(args, environment, cwd != null ? cwd : base.cwd(), uid, gid, base.additionalGids(),
        base.umask(), tty, base.capabilities(), base.rlimits(), base.noNewPrivileges(), OptionalInt.empty(), 0);
  }

  /** An OCI process object as conmon and containerd write it for exec. */
  private static ProcessConfig fromSpec(ProcessSpec p, ProcessConfig base) {
    return new ProcessConfig(p.args(), p.env(), p.cwd().isEmpty() ? base.cwd() : p.cwd(), p.user().uid(), p.user().gid(),
        p.user().additionalGids(), p.user().umask() == null ? base.umask() : p.user().umask(), p.terminal(),
        new CapabilitySets(caps(p.capabilities().bounding()), caps(p.capabilities().effective()),
            caps(p.capabilities().inheritable()), caps(p.capabilities().permitted()), caps(p.capabilities().ambient())),
        base.rlimits(), p.noNewPrivileges(), OptionalInt.empty(), 0);
  }

  private static java.util.Set<io.rustyrun.runtime.sys.Capability> caps(List<String> names) {
    java.util.Set<io.rustyrun.runtime.sys.Capability> set = java.util.EnumSet.noneOf(io.rustyrun.runtime.sys.Capability.class);
    for (String name : names) {
      set.add(io.rustyrun.runtime.sys.Capability.parse(name)
          .orElseThrow(() -> new IllegalArgumentException("unknown capability \"" + name + "\"")));
    }
    return set;
  }

  private static Path absolute(Path path) {
    return path == null ? null : path.toAbsolutePath();
  }
}
