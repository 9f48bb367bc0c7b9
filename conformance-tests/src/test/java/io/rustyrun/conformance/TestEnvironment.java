package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the conformance tests find the launcher and where they may write.
 *
 * <pre>{@code
 * Path launcher = TestEnvironment.launcher();   // <repo>/rustyrun
 * Path work = TestEnvironment.workDir();        // conformance-tests/target/conformance
 * }</pre>
 *
 * <p>The values come from the failsafe system properties {@code rustyrun.launcher}, {@code
 * rustyrun.work} and {@code rustyrun.repo} (see the module's pom). The fallbacks let a test class run from an IDE whose
 * working directory is the module or the repository root.
 */
public final class TestEnvironment {
  /** Where {@code run} keeps one directory per container (ARCHITECTURE.md, "Lifecycle and state"). */
  private static final Path DEFAULT_STATE_ROOT = Path.of("/run/rustyrun");

  private TestEnvironment() {}

  /** The packaged launcher, {@code ./rustyrun} at the repository root. */
  public static Path launcher() {
    String configured = System.getProperty("rustyrun.launcher");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    return repoRoot().resolve("rustyrun");
  }

  /** The repository root: {@code rustyrun.repo}, else the directory above this module. */
  public static Path repoRoot() {
    String configured = System.getProperty("rustyrun.repo");
    return configured != null && !configured.isBlank()
        ? Path.of(configured).toAbsolutePath().normalize()
        : repoRootFromWorkingDirectory();
  }

  /** The script that builds the busybox rootfs; the README uses it too. */
  public static Path busyboxRootfsScript() {
    return repoRoot().resolve("scripts/make-busybox-rootfs.sh");
  }

  /** Scratch space for rootfs fixtures, specs and captured output; created on first use. */
  public static Path workDir() {
    String configured = System.getProperty("rustyrun.work");
    Path dir =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : repoRoot().resolve("conformance-tests/target/conformance");
    try {
      return Files.createDirectories(dir.toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the work directory " + dir, e);
    }
  }

  /**
   * The state root {@code run} uses when no {@code --root} is given. Overridable with {@code
   * -Drustyrun.stateRoot=DIR} in case the default ever moves.
   */
  public static Path stateRoot() {
    String configured = System.getProperty("rustyrun.stateRoot");
    return configured != null && !configured.isBlank() ? Path.of(configured) : DEFAULT_STATE_ROOT;
  }

  private static Path repoRootFromWorkingDirectory() {
    Path cwd = Path.of("").toAbsolutePath();
    // Failsafe runs with the module as working directory; an IDE often uses the repo root.
    return Files.exists(cwd.resolve("conformance-tests")) ? cwd : cwd.getParent();
  }
}
