package io.rustyrun.runtime.cgroup;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A cgroup directory with its sub-cgroups: the tasks in all of them, and their removal.
 *
 * <pre>{@code
 * CgroupTree tree = new CgroupTree(dir);
 * tree.pids();                     // [4242, 4250]
 * tree.remove(Polling.REMOVE);     // rmdir, deepest first
 * }</pre>
 */
record CgroupTree(Path root) {

  boolean exists() {
    return Files.isDirectory(root);
  }

  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    for (Path dir : directories()) {
      CgroupFile procs = new CgroupFile(dir, "cgroup.procs");
      for (String line : procs.lines("list the container's processes")) {
        pids.add(procs.parseLong(line, "list the container's processes"));
      }
    }
    return pids;
  }

  /**
   * rmdir of every directory, children first. cgroupfs accepts rmdir of a directory with control
   * files, but answers EBUSY while a task is still attached: killed tasks leave asynchronously,
   * so each rmdir is retried.
   */
  void remove(Polling polling) {
    List<Path> dirs = directories();
    for (Path dir : dirs.reversed()) {
      removeOne(dir, polling);
    }
  }

  private void removeOne(Path dir, Polling polling) {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.delete(dir);
        return;
      } catch (NoSuchFileException e) {
        return;
      } catch (IOException e) {
        if (!retryable(e) || attempt >= polling.attempts()) {
          throw new CgroupException("cannot remove the cgroup: rmdir \"" + dir + "\": " + CgroupFile.reason(e), e);
        }
        polling.pause();
      }
    }
  }

  private static boolean retryable(IOException e) {
    return e instanceof FileSystemException fse && "Device or resource busy".equals(fse.getReason());
  }

  /** The root and every directory below it, parents before children; empty when gone. */
  private List<Path> directories() {
    if (!exists()) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      throw new CgroupException("cannot list the cgroup \"" + root + "\": " + CgroupFile.reason(e), e);
    }
  }
}
