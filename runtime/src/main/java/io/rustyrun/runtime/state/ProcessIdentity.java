package io.rustyrun.runtime.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process named by pid <em>and</em> start time, so that a recycled pid is never mistaken for
 * the process rustyrun recorded (runc keeps the start time in its state for the same reason).
 *
 * <pre>{@code
 * ProcessIdentity init = ProcessIdentity.of(proc, 4242).orElseThrow();
 * init.isAlive(proc);   // false once 4242 exited, even if the pid was reused
 * }</pre>
 *
 * @param pid the host pid
 * @param startTime field 22 of {@code /proc/PID/stat}, in clock ticks since boot
 */
public record ProcessIdentity(int pid, long startTime) {

  /** The identity of the running process {@code pid}, read from {@code proc}. */
  public static Optional<ProcessIdentity> of(Path proc, int pid) {
    return startTime(proc, pid).map(t -> new ProcessIdentity(pid, t));
  }

  /** Whether this very process still exists (and is not a zombie). */
  public boolean isAlive(Path proc) {
    return startTime(proc, pid).filter(t -> t == startTime).isPresent();
  }

  /** {@code "4242 123456"}, the form stored in state files. */
  public String encode() {
    return pid + " " + startTime;
  }

  public static ProcessIdentity decode(String text) {
    String[] parts = text.trim().split(" ");
    return new ProcessIdentity(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
  }

  private static Optional<Long> startTime(Path proc, int pid) {
    try {
      String stat = Files.readString(proc.resolve(Integer.toString(pid)).resolve("stat"));
      // The command name (field 2) may contain spaces and parentheses: count after the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      if (fields[0].equals("Z") || fields[0].equals("X")) {
        return Optional.empty();
      }
      return Optional.of(Long.parseLong(fields[19]));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
