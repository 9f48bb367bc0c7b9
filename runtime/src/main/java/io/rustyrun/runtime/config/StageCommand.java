package io.rustyrun.runtime.config;

import io.rustyrun.runtime.sys.SpawnRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to start a stage JVM ({@code child} or {@code init}): which java, with which options, on
 * which class path. The host builds it once from its own JVM and hands it down.
 *
 * <pre>{@code
 * StageCommand cmd = new StageCommand(Path.of("/usr/lib/jvm/temurin-25/bin/java"),
 *     List.of("-XX:-UsePerfData", "-XX:+UseSerialGC"), "/opt/rustyrun/rustyrun.jar:...", "io.rustyrun.cli.Main");
 * cmd.spawnRequest("init", Path.of("/run/rustyrun/web-1/launch"), Map.of(3, syncFd));
 * }</pre>
 *
 * @param java the java launcher
 * @param jvmOptions options for the stage JVM; {@code -XX:-UsePerfData} keeps hsperfdata files
 *     out of {@code /tmp} (an init would write one into the host, ARCHITECTURE.md fact 5)
 * @param classPath the stage class path: rustyrun's CLI and runtime jars only, so a stage cannot
 *     load Jackson or picocli even by accident
 * @param mainClass the class whose main dispatches hidden stage commands
 */
public record StageCommand(Path java, List<String> jvmOptions, String classPath, String mainClass) {

  public StageCommand {
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** The spawn of stage {@code stage} reading {@code config}, with {@code fds} mapped in. */
  public SpawnRequest spawnRequest(String stage, Path config, Map<Integer, Integer> fds, boolean newSession) {
    List<String> argv = new ArrayList<>();
    argv.add(java.toString());
    argv.addAll(jvmOptions);
    argv.add("-cp");
    argv.add(classPath);
    argv.add(mainClass);
    argv.add(stage);
    argv.add(config.toString());
    return new SpawnRequest(java, argv, List.of(), fds, newSession);
  }
}
