package io.rustyrun.runtime.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code /proc} tree on jimfs with {@code /proc/PID/stat} files laid out as the kernel writes
 * them (52 fields; field 22 is the start time).
 *
 * <pre>{@code
 * proc.process(4242, "java (x)", 'S', 123456);
 * }</pre>
 */
final class FakeProc {
  final Path root;

  FakeProc(Path root) {
    this.root = root;
  }

  /** A /proc/PID/stat line, e.g. {@code 4242 (java) S 1 4242 4242 0 -1 4194560 ... 123456 ...}. */
  static String statLine(int pid, String comm, char state, long startTime) {
    return pid + " (" + comm + ") " + state + " 1 " + pid + " " + pid + " 0 -1 4194560 1234 0 0 0 10 5 0 0 20 0 25 0 "
        + startTime + " 7000000000 5000 18446744073709551615 94000000000000 94000000100000 140720000000000 0 0 0 0"
        + " 4096 17416 0 0 0 17 3 0 0 0 0 0 94000000200000 94000000300000 94000000400000 140720000100000"
        + " 140720000200000 140720000200000 140720000300000 0\n";
  }

  FakeProc process(int pid, String comm, char state, long startTime) {
    try {
      Path dir = root.resolve(Integer.toString(pid));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("stat"), statLine(pid, comm, state, startTime));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  FakeProc running(int pid, long startTime) {
    return process(pid, "java", 'S', startTime);
  }
}
