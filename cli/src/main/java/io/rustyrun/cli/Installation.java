package io.rustyrun.cli;

import io.rustyrun.runtime.config.StageCommand;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where this rustyrun runs from, and so how it starts its stage JVMs: the same java, only
 * rustyrun's CLI and runtime jars, and lean JVM flags.
 *
 * <pre>{@code
 * StageCommand stages = Installation.current(System.getenv("RUSTYRUN_STAGE_JAVA_OPTS")).stageCommand();
 * }</pre>
 *
 * @param javaHome the running JVM's home
 * @param classPath the running JVM's class path
 * @param extraStageOptions extra options for the stage JVMs ({@code RUSTYRUN_STAGE_JAVA_OPTS}), may be empty
 * @param useAotCache whether stage JVMs start with the stage AOT cache when the build made one
 *     ({@code RUSTYRUN_AOT=off} turns it off, for benchmarks)
 */
record Installation(Path javaHome, String classPath, String extraStageOptions, boolean useAotCache) {

  /**
   * The stage JVMs' AOT cache (JDK 25 {@code -XX:AOTCache}), next to rustyrun.jar. The build
   * trains it ({@link AotTraining}) with exactly {@link #STAGE_OPTIONS} and the stage class path,
   * and fails if a JVM started with {@code -XX:AOTMode=on} cannot use it.
   */
  static final String STAGE_AOT_CACHE = "rustyrun-stage.aot";

  /**
   * Flags for child, init and join. {@code -XX:-UsePerfData}: no hsperfdata file, which init
   * would otherwise write into the host's /tmp; serial GC and C1 only: they start fastest. A
   * stage that crashes inside the container must not leave an hs_err file (host paths, command
   * lines, memory maps) in the container's root, nor a core dump; and the JVM's own log lines
   * stay out of the container's stdout and stderr ({@code RUSTYRUN_STAGE_JAVA_OPTS} may add a
   * {@code -Xlog} of its own after this).
   */
  private static final List<String> STAGE_OPTIONS = List.of(
      "-XX:-UsePerfData", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-Xss512k", "-XX:MaxRAM=256m", "--enable-native-access=ALL-UNNAMED",
      "-XX:+SuppressFatalErrorMessage", "-XX:-CreateCoredumpOnCrash", "-Xlog:disable");

  static Installation current(String extraStageOptions) {
    return new Installation(
        Path.of(System.getProperty("java.home")),
        System.getProperty("java.class.path"),
        extraStageOptions == null ? "" : extraStageOptions,
        !"off".equals(System.getenv("RUSTYRUN_AOT")));
  }

  StageCommand stageCommand() {
    List<String> options = new ArrayList<>(STAGE_OPTIONS);
    if (useAotCache) {
      stageAotCache().filter(Files::isRegularFile).ifPresent(cache -> options.add("-XX:AOTCache=" + cache));
    }
    if (!extraStageOptions.isBlank()) {
      options.addAll(Arrays.asList(extraStageOptions.trim().split("\\s+")));
    }
    return new StageCommand(javaHome.resolve("bin").resolve("java"), options, stageClassPath(), Main.class.getName());
  }

  /** Where the stage AOT cache belongs: next to rustyrun.jar; empty when running from classes. */
  Optional<Path> stageAotCache() {
    return Arrays.stream(classPath.split(File.pathSeparator))
        .map(Path::of)
        .filter(entry -> entry.getFileName() != null && entry.getFileName().toString().equals("rustyrun.jar"))
        .findFirst()
        .map(jar -> jar.resolveSibling(STAGE_AOT_CACHE));
  }

  /** Only rustyrun.jar (Main, the stage dispatch) and the runtime jar (the stages). */
  private String stageClassPath() {
    return Arrays.stream(classPath.split(File.pathSeparator))
        .filter(entry -> {
          String name = Path.of(entry).getFileName().toString();
          return name.equals("rustyrun.jar") || name.startsWith("rustyrun-runtime-") || entry.endsWith("cli/target/classes")
              || entry.endsWith("runtime/target/classes");
        })
        .collect(Collectors.joining(File.pathSeparator));
  }
}
