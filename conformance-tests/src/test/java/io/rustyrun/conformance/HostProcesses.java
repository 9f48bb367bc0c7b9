package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host's view of processes, read from {@code /proc} so the harness needs no native code.
 *
 * <pre>{@code
 * String ns = HostProcesses.namespace(pid, "pid").orElseThrow();   // "pid:[4026532181]"
 * List<Long> inside = HostProcesses.inPidNamespace(ns);            // every host pid in it
 * HostProcesses.signal(pid, "TERM");
 * }</pre>
 *
 * <p>Container processes are found by their PID namespace: after pivot_root nothing else about
 * them (root, cwd, cmdline) reliably points back at the test, and the namespace is exactly the
 * unit the kernel tears down when PID 1 dies.
 */
public final class HostProcesses {
  private static final Path PROC = Path.of("/proc");

  private HostProcesses() {}

  /** The effective uid of {@code pid}, from the second column of {@code Uid:} in its status. */
  public static long effectiveUid(long pid) {
    return statusField(pid, "Uid")
        .map(value -> Long.parseLong(value.split("\\s+")[1]))
        .orElseThrow(() -> new IllegalStateException("no Uid line for pid " + pid));
  }

  /** A {@code Name:}-style field of {@code /proc/PID/status}, without the name. */
  public static Optional<String> statusField(long pid, String name) {
    try (Stream<String> lines = Files.lines(PROC.resolve(pid + "/status"))) {
      return lines
          .filter(line -> line.startsWith(name + ":"))
          .map(line -> line.substring(name.length() + 1).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The namespace link of {@code pid}, e.g. {@code namespace(42, "net")} is {@code
   * "net:[4026531840]"}; empty when the process is gone.
   */
  public static Optional<String> namespace(long pid, String type) {
    try {
      return Optional.of(Files.readSymbolicLink(PROC.resolve(pid + "/ns/" + type)).toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The test JVM's own namespace of that type, the "host" value containers are compared to. */
  public static String hostNamespace(String type) {
    return namespace(ProcessHandle.current().pid(), type)
        .orElseThrow(() -> new IllegalStateException("cannot read /proc/self/ns/" + type));
  }

  /** Every live host pid whose PID namespace link equals {@code pidNamespace}. */
  public static List<Long> inPidNamespace(String pidNamespace) {
    return allPids().filter(pid -> namespace(pid, "pid").filter(pidNamespace::equals).isPresent())
        .toList();
  }

  /** Every live host pid whose command line contains {@code fragment}. */
  public static List<Long> withCommandLineContaining(String fragment) {
    long self = ProcessHandle.current().pid();
    return allPids()
        .filter(pid -> pid != self)
        .filter(pid -> commandLine(pid).contains(fragment))
        .toList();
  }

  /** The NUL-separated {@code /proc/PID/cmdline} joined with spaces; empty when gone. */
  public static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(PROC.resolve(pid + "/cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** Whether {@code pid} exists and is not a zombie. */
  public static boolean isAlive(long pid) {
    return statusField(pid, "State").filter(state -> !state.startsWith("Z")).isPresent();
  }

  /**
   * Sends a signal by name ({@code "TERM"}, {@code "KILL"}, {@code "INT"}, ...) with {@code
   * kill(1)}; {@link Process} can send only TERM and KILL.
   */
  public static void signal(long pid, String signalName) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-s", signalName, Long.toString(pid))
              .redirectErrorStream(true)
              .start();
      String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -s " + signalName + " " + pid + ": " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Best-effort SIGKILL of every listed pid; used only to clean up after a failed test. */
  public static void killAll(List<Long> pids) {
    pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  private static Stream<Long> allPids() {
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries
          .map(path -> path.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
