package io.rustyrun.conformance;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Makes the client tools (podman + conmon, containerd + ctr) present, installing their Debian
 * package once per test JVM, or says why they are not.
 *
 * <pre>{@code
 * Optional<String> missing = HostPackages.ensure("podman", "podman", "conmon");
 * assumeTrue(missing.isEmpty(), missing.orElse(""));      // skip with the reason
 * }</pre>
 *
 * <p>Only a package's tools are looked up, so a machine that has them never runs apt-get. The
 * install has a time limit: a test must skip, not hang, on a machine without a network.
 */
final class HostPackages {
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  /** Where podman looks for conmon besides the PATH (containers.conf conmon_path). */
  private static final List<String> LIBEXEC = List.of("/usr/libexec/podman", "/usr/lib/podman");
  private static final Map<String, Optional<String>> ATTEMPTS = new ConcurrentHashMap<>();

  private HostPackages() {}

  /** Empty when every tool is there (installing {@code aptPackage} if needed), else why not. */
  static Optional<String> ensure(String aptPackage, String... tools) {
    if (missing(tools).isEmpty()) {
      return Optional.empty();
    }
    return ATTEMPTS.computeIfAbsent(aptPackage, pkg -> install(pkg, tools));
  }

  /** The absolute path of a tool, also in podman's libexec directories. */
  static Optional<Path> find(String tool) {
    return HostTools.find(tool).or(() -> LIBEXEC.stream()
        .map(dir -> Path.of(dir, tool))
        .filter(Files::isExecutable)
        .findFirst());
  }

  private static Optional<String> install(String aptPackage, String... tools) {
    String before = "missing " + missing(tools);
    if (HostTools.find("apt-get").isEmpty()) {
      return Optional.of(before + " and no apt-get to install \"" + aptPackage + "\"");
    }
    String output;
    try {
      Path log = Files.createTempFile(TestEnvironment.workDir(), "apt-get-" + aptPackage, ".log");
      ProcessBuilder builder =
          new ProcessBuilder("apt-get", "install", "-y", "--no-install-recommends", aptPackage)
              .redirectInput(new File("/dev/null"))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process apt = builder.start();
      if (!apt.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        apt.destroyForcibly();
        return Optional.of(before + "; \"apt-get install -y " + aptPackage + "\" did not finish"
            + " within " + INSTALL_TIMEOUT);
      }
      output = Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.of(before + "; cannot run apt-get: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(before + "; interrupted while installing " + aptPackage);
    }
    List<String> still = missing(tools);
    return still.isEmpty()
        ? Optional.empty()
        : Optional.of(before + "; \"apt-get install -y " + aptPackage + "\" did not provide "
            + still + ":\n" + tail(output));
  }

  private static List<String> missing(String... tools) {
    List<String> missing = new ArrayList<>();
    for (String tool : tools) {
      if (find(tool).isEmpty()) {
        missing.add(tool);
      }
    }
    return missing;
  }

  private static String tail(String output) {
    List<String> lines = output.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }
}
