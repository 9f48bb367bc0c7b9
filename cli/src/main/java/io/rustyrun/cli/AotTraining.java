package io.rustyrun.cli;

import io.rustyrun.runtime.SpecResolver;
import io.rustyrun.runtime.config.LaunchConfig;
import io.rustyrun.runtime.config.LaunchConfigCodec;
import io.rustyrun.runtime.config.StageCommand;
import io.rustyrun.spec.ContainerSpec;
import io.rustyrun.spec.SpecLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training workloads behind rustyrun's AOT caches (JDK 25 {@code -XX:AOTCacheOutput}),
 * run by the build during {@code package} against the final jars (cli/pom.xml):
 *
 * <pre>
 * java -XX:AOTCacheOutput=target/rustyrun-host.aot  (launcher flags) -cp rustyrun.jar:lib/*  io.rustyrun.cli.AotTraining host  WORK YAML
 * java -XX:AOTCacheOutput=target/rustyrun-stage.aot (stage flags)    -cp (stage class path) io.rustyrun.cli.AotTrainingStage WORK
 * </pre>
 *
 * <p>The second is started by {@code AotTraining stages WORK} (on the host class path) from
 * {@link Installation#stageCommand()}, so the flags and class path are the ones the host will
 * use; it then starts the stage workload again with {@code -XX:AOTMode=on}, which fails (and
 * fails the build) when the cache cannot be used.
 *
 * <p>Neither does anything irreversible. {@code host} runs CLI commands that only read (help,
 * validate, list and state against a state root in WORK), unpacks an image
 * ({@link AotTrainingImage}) into WORK, and writes a real launch config
 * (WORK/launch) resolved from the example spec, with its rootfs in WORK, for
 * {@link AotTrainingStage}.
 */
final class AotTraining {
  private AotTraining() {}

  public static void main(String[] args) throws IOException {
    if (args.length >= 2 && args[0].equals("host")) {
      host(Path.of(args[1]), Path.of(args[2]));
    } else if (args.length == 2 && args[0].equals("stages")) {
      System.exit(stages(Path.of(args[1])));
    } else {
      System.err.println("usage: AotTraining host WORK SPEC.yaml | stages WORK");
      System.exit(2);
    }
    // As the stages do (Main): no shutdown work. The AOT cache is written at exit either way.
    System.exit(0);
  }

  private static void host(Path work, Path exampleSpec) throws IOException {
    Path rootfs = work.resolve("rootfs");
    for (String dir : List.of("proc", "dev", "sys", "bin", "etc", "tmp")) {
      Files.createDirectories(rootfs.resolve(dir));
    }
    Path spec = work.resolve("container.yaml");
    Files.copy(exampleSpec, spec, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String state = work.resolve("state").toString();
    AotTrainingImage image = AotTrainingImage.write(work);
    Path unpacked = work.resolve("unpacked");
    deleteTree(unpacked); // left by the training run when this is the verifying one
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    try {
      for (String[] command : List.of(
          new String[] {"--help"},
          new String[] {"--root", state, "run", "--help"},
          new String[] {"--root", state, "validate", "-f", spec.toString()},
          new String[] {"--root", state, "validate", "-f", work.resolve("missing.yaml").toString()},
          new String[] {"--root", state, "list"},
          new String[] {"--root", state, "state", "no-such-container"},
          new String[] {"unpack", image.tar().toString(), unpacked.resolve("tar").toString()},
          new String[] {"unpack", image.layout().toString(), unpacked.resolve("oci").toString()})) {
        StageDispatch.isStage(command); // as Main asks first: loaded from the cache, not the jar
        Cli.run(command);
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    ContainerSpec loaded = new SpecLoader().load(spec);
    LaunchConfig config = new SpecResolver(Installation.current(null).stageCommand(), 0)
        .resolve(loaded, "aot-training", LaunchConfig.Mode.FOREGROUND);
    try (OutputStream stream = Files.newOutputStream(work.resolve("launch"))) {
      LaunchConfigCodec.write(config, stream);
    }
  }

  /** Removes {@code dir} and everything below it; symlinks are removed, never followed. */
  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** Trains the stage cache, then proves it is usable; the exit status of the first failure. */
  private static int stages(Path work) throws IOException {
    Installation installation = Installation.current(null);
    Path cache = installation.stageAotCache()
        .orElseThrow(() -> new IllegalStateException("rustyrun.jar is not on the class path"));
    Files.deleteIfExists(cache);
    StageCommand stage = installation.stageCommand();
    for (List<String> aot : List.of(List.of("-XX:AOTCacheOutput=" + cache),
        List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on"))) {
      List<String> command = new ArrayList<>();
      command.add(stage.java().toString());
      command.addAll(stage.jvmOptions());
      command.addAll(aot);
      command.addAll(List.of("-cp", stage.classPath(), AotTrainingStage.class.getName(), work.toString()));
      try {
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (status != 0) {
          System.err.println("rustyrun AOT training: exit " + status + " from " + String.join(" ", command));
          return status;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    return Files.isRegularFile(cache) ? 0 : 1;
  }
}
