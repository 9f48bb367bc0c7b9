package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One line of {@code /proc/PID/mountinfo} (proc(5)), parsed.
 *
 * <pre>{@code
 * 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 * (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)
 *
 * List<MountInfo> mounts = MountInfo.parse(result.stdout());
 * MountInfo sys = MountInfo.at(mounts, "/sys").orElseThrow();
 * assertThat(sys.mountOptions()).contains("ro");
 * }</pre>
 *
 * @param device {@code major:minor} of the filesystem; a new instance of a pseudo filesystem
 *     (procfs, devpts) gets a new one
 * @param root the directory of the filesystem that forms the root of this mount
 * @param mountPoint where it is mounted, relative to the reader's root
 * @param mountOptions per-mount options ({@code ro}, {@code nosuid}, ...)
 * @param fsType the filesystem type ({@code proc}, {@code tmpfs}, ...)
 * @param superOptions per-superblock options ({@code size=...}, {@code mode=...})
 */
public record MountInfo(
    int id,
    int parentId,
    String device,
    String root,
    String mountPoint,
    Set<String> mountOptions,
    String fsType,
    String source,
    Set<String> superOptions) {

  /** Parses the whole text of a mountinfo file; lines that are not mount lines are skipped. */
  public static List<MountInfo> parse(String text) {
    return text.lines()
        .filter(line -> line.contains(" - "))
        .map(MountInfo::parseLine)
        .toList();
  }

  /** The mounts of the test JVM itself, i.e. the host's mount namespace. */
  public static List<MountInfo> ofHost() {
    try {
      return parse(Files.readString(Path.of("/proc/self/mountinfo")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The topmost (last listed) mount at {@code mountPoint}. */
  public static Optional<MountInfo> at(List<MountInfo> mounts, String mountPoint) {
    return mounts.reversed().stream().filter(m -> m.mountPoint().equals(mountPoint)).findFirst();
  }

  private static MountInfo parseLine(String line) {
    // The optional fields (7) vary in number; " - " separates them from the fixed tail.
    int separator = line.indexOf(" - ");
    String[] head = line.substring(0, separator).split(" ");
    String[] tail = line.substring(separator + 3).split(" ");
    return new MountInfo(
        Integer.parseInt(head[0]),
        Integer.parseInt(head[1]),
        head[2],
        unescape(head[3]),
        unescape(head[4]),
        options(head[5]),
        tail[0],
        tail.length > 1 ? unescape(tail[1]) : "",
        tail.length > 2 ? options(tail[2]) : Set.of());
  }

  private static Set<String> options(String field) {
    return Arrays.stream(field.split(",")).collect(Collectors.toUnmodifiableSet());
  }

  /** The kernel escapes space, tab, newline and backslash as three octal digits. */
  private static String unescape(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length() && isOctal(field.substring(i + 1, i + 4))) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String digits) {
    return digits.chars().allMatch(c -> c >= '0' && c <= '7');
  }
}
