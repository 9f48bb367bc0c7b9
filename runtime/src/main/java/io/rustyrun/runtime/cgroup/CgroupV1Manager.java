package io.rustyrun.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's cgroups on a v1 or hybrid host: one directory per mounted v1 hierarchy, all
 * joined by the container's processes (runc's {@code fs} manager).
 *
 * <pre>{@code
 * CgroupManager cgroup = new CgroupV1Manager(Map.of(
 *     memoryHierarchy, Path.of("/sys/fs/cgroup/memory/rustyrun/web-1"),
 *     pidsHierarchy, Path.of("/sys/fs/cgroup/pids/rustyrun/web-1")));
 * }</pre>
 *
 * <p>A limit whose controller has no hierarchy is an error, not silently dropped.
 */
public final class CgroupV1Manager implements CgroupManager {
  private final Map<CgroupLayout.Hierarchy, Path> directories;
  private final Teardown teardown;

  /** @param directories the container's directory in each hierarchy to join, in join order */
  public CgroupV1Manager(Map<CgroupLayout.Hierarchy, Path> directories) {
    this(directories, Teardown.DEFAULT);
  }

  CgroupV1Manager(Map<CgroupLayout.Hierarchy, Path> directories, Teardown teardown) {
    this.directories = new LinkedHashMap<>(directories);
    this.teardown = teardown;
  }

  @Override
  public Map<String, Path> directories() {
    Map<String, Path> byName = new LinkedHashMap<>();
    directories.forEach((hierarchy, dir) -> byName.put(hierarchy.name(), dir));
    return byName;
  }

  @Override
  public void create() {
    directories.forEach((hierarchy, dir) -> {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new CgroupException("cannot create the cgroup \"" + dir + "\": " + CgroupFile.reason(e), e);
      }
      if (hierarchy.controllers().contains("cpuset")) {
        Cpuset.inheritParents(hierarchy.mountPoint(), dir);
      }
    });
  }

  @Override
  public void apply(CgroupResources resources) {
    if (!resources.memory().isEmpty()) {
      new V1Memory(require("memory", "set memory limits")).apply(resources.memory());
    }
    if (resources.cpu().hasCpu()) {
      new V1Cpu(require("cpu", "set cpu limits")).apply(resources.cpu());
    }
    if (resources.cpu().hasCpuset()) {
      Cpuset.apply(require("cpuset", "set cpuset limits"), resources.cpu());
    }
    if (resources.pidsLimit() != null) {
      Pids.apply(require("pids", "set the pids limit"), resources.pidsLimit());
    }
    if (!resources.devices().isEmpty()) {
      V1Devices.apply(require("devices", "set device rules"), resources.devices());
    }
  }

  @Override
  public void addProcess(long pid) {
    directories.values().forEach(dir -> new CgroupFile(dir, "cgroup.procs").write(Long.toString(pid), "add process " + pid));
  }

  @Override
  public void freeze() {
    freezer("freeze the container").freeze();
  }

  @Override
  public void thaw() {
    freezer("thaw the container").thaw();
  }

  @Override
  public FreezerState freezerState() {
    Optional<Path> dir = directory("freezer");
    return dir.isPresent() ? new V1Freezer(dir.get(), teardown.freeze()).state() : FreezerState.THAWED;
  }

  @Override
  public boolean oomKilled() {
    return directory("memory").map(dir -> new V1Memory(dir).oomKills() > 0).orElse(false);
  }

  @Override
  public List<Long> pids() {
    return directories.values().stream().findFirst().map(dir -> new CgroupTree(dir).pids()).orElse(List.of());
  }

  /**
   * Kills what is left (frozen first, as runc does, so nothing forks while being killed), then
   * removes the directory in every hierarchy.
   */
  @Override
  public void destroy() {
    List<Long> left = pids();
    if (!left.isEmpty()) {
      TaskKill.killAll(left, directory("freezer").map(dir -> new V1Freezer(dir, teardown.freeze())), teardown);
    }
    directories.values().forEach(dir -> new CgroupTree(dir).remove(teardown.remove()));
  }

  private V1Freezer freezer(String what) {
    return new V1Freezer(require("freezer", what), teardown.freeze());
  }

  private Optional<Path> directory(String controller) {
    return directories.entrySet().stream()
        .filter(entry -> entry.getKey().controllers().contains(controller))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private Path require(String controller, String what) {
    return directory(controller).orElseThrow(
        () -> new CgroupException("cannot " + what + ": no cgroup v1 \"" + controller + "\" hierarchy is mounted"));
  }
}
