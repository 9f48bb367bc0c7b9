package io.rustyrun.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds host executables the tests run themselves ({@code ip}, {@code unshare}, {@code script}).
 *
 * <pre>{@code
 * Path ip = HostTools.find("ip").orElseThrow();   // /usr/sbin/ip
 * }</pre>
 */
public final class HostTools {
  private HostTools() {}

  /**
   * The absolute path of {@code tool} in a directory of {@code PATH}, or in the sbin
   * directories, which the environment of a non-login root shell (or of Maven) may lack.
   */
  public static Optional<Path> find(String tool) {
    List<String> dirs =
        new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")));
    dirs.addAll(List.of("/usr/local/sbin", "/usr/sbin", "/sbin"));
    return dirs.stream()
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, tool))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Like {@link #find} but fails: for tests already guarded by {@link RequiresTool}. */
  public static String require(String tool) {
    return find(tool).orElseThrow(() -> new AssertionError("host tool " + tool + " missing")).toString();
  }
}
