package io.rustyrun.runtime.cgroup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * One control file of a cgroup, e.g. {@code memory.limit_in_bytes}, written with one
 * {@code write(2)} per value as the kernel expects.
 *
 * <pre>{@code
 * new CgroupFile(dir, "pids.max").write("100", "set pids limit 100");
 * }</pre>
 *
 * <p>Failures become {@link CgroupException}s shaped {@code cannot <what>: write "<value>" to
 * "<file>": <reason>}, where the reason is the kernel's errno text ({@code Device or resource
 * busy}).
 */
record CgroupFile(Path path) {

  CgroupFile(Path dir, String name) {
    this(dir.resolve(name));
  }

  boolean exists() {
    return Files.exists(path);
  }

  /** @param what the operation for the message, e.g. {@code set memory limit 100m} */
  void write(String value, String what) {
    try {
      // O_TRUNC matters only to file systems with real contents (tests); cgroupfs ignores it.
      Files.writeString(path, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new CgroupException(
          "cannot " + what + ": write \"" + value + "\" to \"" + path + "\": " + reason(e), e);
    }
  }

  /** The content without the trailing newline. */
  String read(String what) {
    try {
      return Files.readString(path).strip();
    } catch (IOException e) {
      throw new CgroupException("cannot " + what + ": read \"" + path + "\": " + reason(e), e);
    }
  }

  List<String> lines(String what) {
    return read(what).lines().filter(line -> !line.isBlank()).toList();
  }

  /**
   * The number after {@code key} in a flat-keyed file such as {@code memory.events} ({@code
   * oom_kill 3}), or empty when the kernel does not report that key.
   */
  Optional<Long> keyed(String key, String what) {
    for (String line : lines(what)) {
      String[] fields = line.split("\\s+");
      if (fields.length == 2 && fields[0].equals(key)) {
        return Optional.of(parseLong(fields[1], what));
      }
    }
    return Optional.empty();
  }

  long parseLong(String text, String what) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new CgroupException("cannot " + what + ": \"" + path + "\" holds \"" + text + "\", not a number", e);
    }
  }

  /** The errno text the JDK puts in a {@link FileSystemException}'s reason, or its message. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
