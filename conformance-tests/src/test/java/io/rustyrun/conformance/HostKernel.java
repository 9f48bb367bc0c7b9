package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What the host kernel says about the test JVM itself: sysctls, its capabilities and limits.
 * The isolation tests compare a container's view with these.
 *
 * <pre>{@code
 * HostKernel.sysctl("net.ipv4.ip_forward");           // "1"
 * HostKernel.hasCapability(24);                        // CAP_SYS_RESOURCE in CapEff?
 * HostKernel.hardLimit("Max open files");              // 20000, empty when unlimited
 * }</pre>
 */
public final class HostKernel {
  /** capability.h numbers the tests need. */
  public static final int CAP_SYS_RESOURCE = 24;

  private HostKernel() {}

  /** The host's value of {@code name} (dots), stripped. */
  public static String sysctl(String name) {
    return read(Path.of("/proc/sys").resolve(name.replace('.', '/')));
  }

  /** Whether the test JVM has capability {@code number} in its effective set. */
  public static boolean hasCapability(int number) {
    String effective = statusField("CapEff");
    return (Long.parseUnsignedLong(effective, 16) & (1L << number)) != 0;
  }

  /** The hard limit of a {@code /proc/self/limits} row (e.g. "Max open files"); empty if unlimited. */
  public static OptionalLong hardLimit(String row) {
    String line = read(Path.of("/proc/self/limits")).lines()
        .filter(l -> l.startsWith(row))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no \"" + row + "\" in /proc/self/limits"));
    String hard = line.substring(row.length()).strip().split("\\s+")[1];
    return hard.equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(hard));
  }

  /** A whole (small) file, stripped. */
  public static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String statusField(String name) {
    return read(Path.of("/proc/self/status")).lines()
        .filter(line -> line.startsWith(name + ":"))
        .map(line -> line.substring(name.length() + 1).strip())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no " + name + " in /proc/self/status"));
  }
}
