package io.rustyrun.cli;

import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.LaunchConfigCodec;
import io.rustyrun.runtime.process.ChildStage;
import io.rustyrun.runtime.process.ExecStage;
import io.rustyrun.runtime.process.InitStage;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The hidden stage commands, {@code rustyrun child|init|join CONFIG} (CONFIG an absolute path),
 * dispatched without picocli or Jackson: stage JVMs run with only rustyrun's own jars on their
 * class path and must start fast.
 *
 * <pre>{@code
 * if (StageDispatch.isStage(args)) System.exit(StageDispatch.run(args));
 * }</pre>
 *
 * <p>Stages report failures to the host over the sync pipe; what they print to stderr is only
 * for a broken installation (config missing or from another version).
 */
final class StageDispatch {
  private static final String CHILD = "child";
  private static final String INIT = "init";
  private static final String JOIN = "join";

  private StageDispatch() {}

  static boolean isStage(String[] args) {
    return args.length == 2 && (args[0].equals(CHILD) || args[0].equals(INIT) || args[0].equals(JOIN))
        && args[1].startsWith("/");
  }

  static int run(String[] args) {
    Path configFile = Path.of(args[1]);
    LaunchConfig config;
    try {
      config = LaunchConfigCodec.read(configFile);
    } catch (IOException e) {
      System.err.println("rustyrun " + args[0] + ": cannot read \"" + configFile + "\": " + e.getMessage());
      return ExitCodes.FAILED;
    }
    Syscalls syscalls = new LinuxSyscalls();
    return switch (args[0]) {
      case CHILD -> new ChildStage(syscalls).run(config, configFile);
      case JOIN -> new ExecStage(syscalls).run(config);
      default -> new InitStage(syscalls).run(config, configFile.getParent());
    };
  }
}
