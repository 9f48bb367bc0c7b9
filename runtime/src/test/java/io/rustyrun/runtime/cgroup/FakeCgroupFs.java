package io.rustyrun.runtime.cgroup;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.rustyrun.runtime.sys.RecordingSyscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A cgroup tree on jimfs. jimfs has no kernel, so a "cgroup" is a directory whose control files
 * the test creates with their initial contents, and a write simply replaces a file's content.
 *
 * <pre>{@code
 * FakeCgroupFs fs = FakeCgroupFs.hybrid();   // this machine kind's mounts
 * fs.cgroup("memory/x", Map.of("memory.limit_in_bytes", "9223372036854771712"));
 * }</pre>
 */
final class FakeCgroupFs {
  /** /proc/self/mountinfo of this machine kind (Debian 12, kernel 6.18, hybrid), trimmed. */
  static final String HYBRID_MOUNTINFO = """
      22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard
      23 22 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw
      31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
      32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
      33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
      34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
      35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
      36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
      37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
      38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
      39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
      40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
      41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
      """;

  /** /proc/self/cgroup of the test JVM on this machine kind. */
  static final String HYBRID_SELF = """
      9:name=systemd:/
      8:pids:/
      7:blkio:/
      6:freezer:/
      5:devices:/
      4:memory:/process_api/3f3c
      3:cpuset:/
      2:cpuacct:/
      1:cpu:/
      0::/
      """;

  static final String V2_MOUNTINFO = """
      22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
      30 23 0:27 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
      """;

  final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  final Path root = fs.getPath("/sys/fs/cgroup");
  /** What the managers of {@link #host()} ask the kernel: the v2 device program. */
  final RecordingSyscalls syscalls = new RecordingSyscalls();

  static FakeCgroupFs hybrid() {
    FakeCgroupFs fake = new FakeCgroupFs();
    fake.write("/proc/self/mountinfo", HYBRID_MOUNTINFO);
    fake.write("/proc/self/cgroup", HYBRID_SELF);
    fake.cgroup("cpuset", Map.of("cpuset.cpus", "0-1", "cpuset.mems", "0"));
    return fake;
  }

  static FakeCgroupFs v2() {
    FakeCgroupFs fake = new FakeCgroupFs();
    fake.write("/proc/self/mountinfo", V2_MOUNTINFO);
    fake.write("/proc/self/cgroup", "0::/user.slice\n");
    fake.cgroup("", Map.of("cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc",
        "cgroup.subtree_control", ""));
    return fake;
  }

  CgroupHost host() {
    return CgroupHost.detect(root, path("/proc/self/mountinfo"), path("/proc/self/cgroup"), syscalls);
  }

  Path path(String absolute) {
    return fs.getPath(absolute);
  }

  /** A cgroup directory below the cgroup root, with control files and their contents. */
  Path cgroup(String relative, Map<String, String> files) {
    Path dir = relative.isEmpty() ? root : root.resolve(relative);
    files.forEach((name, content) -> write(dir.resolve(name).toString(), content));
    return dir;
  }

  void write(String absolute, String content) {
    try {
      Path file = path(absolute);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
